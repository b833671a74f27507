"""Which pages show a thing, and purging exactly those when it changes.

A change (a story published, an author renamed, a figure corrected, a helpline published, …)
queues `purge_pages_showing`, a task: the task worker, not the editor's request, works out
the pages and has Wagtail's frontend cache purge them from every configured cache (our page
cache, Varnish, a CDN: `WAGTAILFRONTENDCACHE`). The task is queued once the change is
committed, so no cache can refill with the old version. Only a deletion works out its pages
at once, before the rows that lead to them are gone.

Which pages: Wagtail's reference index tells which pages (and author snippets) use an
object, chosen in a field or a block; listings are known here: a story is listed on the
home page, /news/, its topics', areas' and authors' pages, their feeds and the sitemaps.
"""

from copy import copy
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.urls import reverse

from taggit.models import Tag
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from django_tasks import task

from articles.models import ArticleIndexPage, ArticlePage, Author
from contacts.blocks import shows_helplines_by_area
from contacts.models import Helpline, HelplineKind
from newsroom.page_cache import EVERYTHING
from statistics.models import Figure, Measure, PoliceForce, Source

SITEMAPS = ("/sitemap.xml", "/news-sitemap.xml")
FEEDS = ("", "feed/", "feed/atom/")


def _with_feeds(path: str) -> set[str]:
    return {path + suffix for suffix in FEEDS}


def _referring(obj, model) -> list[int]:
    """Pks of `model` objects (pages: any page type) that use `obj`, per the reference index."""
    return [
        int(pk)
        for pk in ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(model))
        .values_list("object_id", flat=True)
        .distinct()
    ]


def listing_paths(story_ids) -> set[str]:
    """The listings, feeds, search results and sitemaps that list any of these stories (their
    current topics, areas and authors, as stored now)."""
    index = ArticleIndexPage.objects.live().first()
    paths = {"/", reverse("search"), *SITEMAPS}
    if index is None:
        return paths
    paths |= _with_feeds(index.url)
    topics = Tag.objects.filter(articles_articlepagetag_items__content_object__in=story_ids)
    for tag in topics.distinct():
        paths |= _with_feeds(index.url + index.reverse_subpage("topic", kwargs={"tag": tag.slug}))
    for force in PoliceForce.objects.filter(articles__in=story_ids).distinct():
        area = index.reverse_subpage("area", kwargs={"force": force.slug})
        paths |= _with_feeds(index.url + area)
    for author in Author.objects.filter(article_credits__page__in=story_ids).distinct():
        paths |= _with_feeds(author.get_absolute_url())
    return paths


def page_paths(page_ids, *, listed: bool) -> set[str]:
    """The live pages' own addresses, and with `listed`, every listing that shows them."""
    pages = Page.objects.live().filter(pk__in=page_ids).specific(defer=True)
    paths = {page.url for page in pages if page.url}
    stories = [page.pk for page in pages if isinstance(page, ArticlePage)]
    if listed and stories:
        paths |= listing_paths(stories)
    return paths


def measure_paths(measure_ids) -> set[str]:
    """Data pages of these measures (HTML, CSV, JSON), the data index, and the stories that
    show their figures."""
    paths = {"/statistics/"}
    for measure in Measure.objects.filter(pk__in=measure_ids):
        page = measure.get_absolute_url()
        paths |= {page, page.rstrip("/") + ".csv", page.rstrip("/") + ".json"}
        paths |= page_paths(_referring(measure, Page), listed=False)
    return paths


def pages_showing_helpline(helpline: Helpline) -> list[Page]:
    """Live pages on which this helpline appears: chosen in a block (the reference index) or
    listed by area (stories covering its area, or any story for a UK-wide helpline, whose
    body lists helplines by area)."""
    pages = {
        page.pk: page for page in Page.objects.live().filter(pk__in=_referring(helpline, Page))
    }
    by_area = ArticlePage.objects.live().only("pk", "url_path", "body")
    if helpline.area_id is not None:
        by_area = by_area.filter(areas=helpline.area_id)
    for page in by_area.iterator():
        if page.pk not in pages and shows_helplines_by_area(page.body):
            pages[page.pk] = page
    return sorted(pages.values(), key=lambda page: page.pk)


def paths_showing(obj) -> set[str]:
    """Every public address whose response shows `obj`."""
    if isinstance(obj, ArticlePage):  # live or just unpublished: its listings either way
        return {obj.url} | listing_paths([obj.pk]) if obj.url else listing_paths([obj.pk])
    if isinstance(obj, Page):
        return page_paths([obj.pk], listed=False)
    if isinstance(obj, Author):
        stories = _referring(obj, Page)
        return _with_feeds(obj.get_absolute_url()) | page_paths(stories, listed=True)
    if isinstance(obj, Measure):
        return measure_paths([obj.pk])
    if isinstance(obj, Figure):
        return measure_paths([obj.measure_id])
    if isinstance(obj, Source):
        return measure_paths(obj.figures.values_list("measure", flat=True).distinct())
    if isinstance(obj, Helpline):
        if obj.kind == HelplineKind.EMERGENCY:  # in every page's footer
            return {EVERYTHING}
        return {page.url for page in pages_showing_helpline(obj) if page.url}
    if isinstance(obj, SearchPromotion):  # an editor's pick, shown above the results
        return {reverse("search")}
    if isinstance(obj, get_image_model()):
        paths = page_paths(_referring(obj, Page), listed=True)
        for author in Author.objects.filter(pk__in=_referring(obj, Author)):
            paths |= paths_showing(author)
        return paths
    return set()


def absolute_urls(paths) -> list[str]:
    """Paths as the public addresses that caches know them by."""
    if settings.SITE_URL:
        root = settings.SITE_URL
    else:
        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site else "http://localhost"
    return [path if "://" in path else root + path for path in sorted(paths)]


# Readers are waiting for it: run before the search and reference index updates queued with it.
PURGE_PRIORITY = 50


@task(priority=PURGE_PRIORITY)
def purge_pages_showing(model_label: str, pk, extra_paths: list[str]) -> list[str]:
    """Purge the pages that show the object now, plus `extra_paths` (those that showed it
    before the change); returns the paths purged."""
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    paths = set(extra_paths) | (paths_showing(obj) if obj is not None else set())
    purge_urls_from_cache_task.call(absolute_urls(paths))
    return sorted(paths)


def queue_purge(obj, extra_paths=()) -> None:
    """Purge the pages showing `obj` once the current transaction commits."""
    transaction.on_commit(
        partial(purge_pages_showing.enqueue, obj._meta.label, obj.pk, sorted(set(extra_paths)))
    )


# Signal handlers


def on_change(sender, instance, **kwargs):
    queue_purge(instance)


def on_delete(sender, instance, **kwargs):
    """Deleted: the pages are found now, while the references to it still exist."""
    queue_purge(instance, paths_showing(instance))


def remember_story_listings(sender, instance, update_fields=None, **kwargs):
    """Before a story's full save (publishing), note the listings that show it as stored, so
    a topic, area or author taken off it is purged too."""
    if instance.pk and update_fields is None and instance.live:
        instance._listings_before = listing_paths([instance.pk])


def on_story_published(sender, instance, **kwargs):
    queue_purge(instance, getattr(instance, "_listings_before", ()))


def on_story_address_changed(sender, instance, instance_before=None, url_path_before=None, **kw):
    """Moved or renamed: the old address goes too."""
    before = copy(instance_before or instance)
    if url_path_before:
        before.url_path = url_path_before
    queue_purge(instance, {before.url} if before.url else ())


def on_figure_import(sender, instance, created=False, **kwargs):
    """Imports write figures in bulk (no save signals) and log once on their source."""
    if created and instance.action == "statistics.figures.imported":
        queue_purge(Source(pk=int(instance.object_id)))


def connect():
    uid = "newsroom.purge"
    pre_save.connect(remember_story_listings, sender=ArticlePage, dispatch_uid=uid)
    page_published.connect(on_story_published, sender=ArticlePage, dispatch_uid=uid)
    page_unpublished.connect(on_change, sender=ArticlePage, dispatch_uid=uid)
    pre_delete.connect(on_delete, sender=ArticlePage, dispatch_uid=uid)
    post_page_move.connect(on_story_address_changed, sender=ArticlePage, dispatch_uid=uid)
    page_slug_changed.connect(on_story_address_changed, sender=ArticlePage, dispatch_uid=uid)
    for model in (Author, Measure, Source, Figure, SearchPromotion, get_image_model()):
        post_save.connect(on_change, sender=model, dispatch_uid=uid)
        pre_delete.connect(on_delete, sender=model, dispatch_uid=uid)
    published.connect(on_change, sender=Helpline, dispatch_uid=uid)
    unpublished.connect(on_change, sender=Helpline, dispatch_uid=uid)
    pre_delete.connect(on_delete, sender=Helpline, dispatch_uid=uid)
    post_save.connect(
        on_figure_import, sender=apps.get_model("wagtailcore", "ModelLogEntry"), dispatch_uid=uid
    )
