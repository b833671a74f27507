"""Which API and embed addresses show a thing, registered with the `register_pages_showing`
hook (`wagtail_hooks.py`) that `newsroom.purge` reads.

`paths_showing(obj, story_ids)` gives the lists and items of the API that show `obj`, and,
for the stories that show it (`story_ids`: the live pages that use it, from Wagtail's
reference index), each story's API item and the embed page of each of its figures. Only
addresses without a query are named: those are what the page cache and a cache in front
keep (with every `?page=` of them).
"""

from django.urls import reverse

from wagtail.images import get_image_model

from articles.models import ArticlePage, Author
from contacts.models import Helpline
from images.usage import live_pages_using
from statistics.models import Figure, Measure, PoliceForce, Source

from .embeds import embed_url, embeddable_blocks

STORIES = "/api/v2/pages/"
PICTURES = "/api/v2/images/"


def _api(name: str, *args) -> str:
    return reverse(f"{name}-detail", args=args) if args else reverse(f"{name}-list")


def _own_paths(obj) -> set[str]:
    if isinstance(obj, Figure):
        return {_api("figure"), _api("figure", obj.pk)}
    if isinstance(obj, Measure):
        return {_api("figure"), _api("measure"), _api("measure", obj.slug)}
    if isinstance(obj, Source):
        return {_api("figure"), _api("source"), _api("source", obj.pk)}
    if isinstance(obj, PoliceForce):
        return {_api("force"), _api("force", obj.slug), _api("figure"), _api("helpline")}
    if isinstance(obj, Helpline):
        return {_api("helpline"), _api("helpline", obj.pk)}
    if isinstance(obj, ArticlePage):
        return {STORIES} | story_paths([obj.pk])
    if isinstance(obj, Author):
        return {STORIES}
    if isinstance(obj, get_image_model()):
        return {PICTURES, f"{PICTURES}{obj.pk}/", STORIES}
    return set()


def story_paths(story_ids) -> set[str]:
    """Each story's API item, its "Republish" page and its figures' embed pages."""
    paths = set()
    for story in ArticlePage.objects.filter(pk__in=list(story_ids)).only("pk", "body"):
        paths |= {f"{STORIES}{story.pk}/", reverse("republish", args=[story.pk])}
        paths |= {embed_url(story, child.id) for child in embeddable_blocks(story)}
    return paths


def paths_showing(obj, story_ids=()) -> set[str]:
    """The API and embed addresses that show `obj`, with those of the stories that show it."""
    return _own_paths(obj) | story_paths(story_ids)


def showing(obj) -> set[str]:
    """The hook's answer for any registered model: its own API addresses, and those of the
    live stories that use it (a figure's stories are those that show its measure)."""
    used = [obj, obj.measure] if isinstance(obj, Figure) else [obj]
    stories = [] if isinstance(obj, ArticlePage) else live_pages_using(used)
    return paths_showing(obj, story_ids=[page.pk for page in stories])
