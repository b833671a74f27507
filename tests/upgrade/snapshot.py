"""What a site holds and shows, as JSON: run by an old release before the upgrade and by
today's code after it, so `tests/upgrade/test_upgrade.py` can compare the two.

Run inside `manage.py shell` of either checkout, writing to the file named by
`UPGRADE_SNAPSHOT`. Imports only Django, Wagtail and BeautifulSoup, and reads only what every
release has: stories, their revisions and log entries, pictures (their files on disk),
helplines, figures, each live story's page as readers get it, and which stories each topic's,
area's and author's page lists.
"""

import json
import os
import re

from django.apps import apps
from django.test import Client

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision

from bs4 import BeautifulSoup

ArticlePage = apps.get_model("articles", "ArticlePage")
ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
Helpline = next(
    (m for m in apps.get_models() if m.__name__ == "Helpline"),
    None,
)
Figure = next((m for m in apps.get_models() if m._meta.label == "statistics.Figure"), None)
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# Tools for readers around the story's text, not its text: the "Embed this chart" code under
# each figure (added after these releases).
CONTROLS = ".embed-code"


def text(node):
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def rendered(page, client):
    response = client.get(page.url)
    html = BeautifulSoup(response.content, "html.parser")
    for control in html.select(CONTROLS):
        control.decompose()
    body = text(html.select_one(".story__body"))
    return {
        "status": response.status_code,
        "headline": text(html.select_one("h1")),
        "standfirst": text(html.select_one(".story__standfirst")),
        "hero": text(html.select_one(".story__hero")),
        "body": body,
        "numbers": NUMBER.findall(body),
    }


def listings(client, stories):
    """The stories each topic, area and author page lists (their links, in order), from any
    release's markup."""
    story_urls = {page.url for page in stories}
    paths = set()
    for page in stories:
        paths |= {f"/news/topic/{tag.slug}/" for tag in page.topics.all()}
        paths |= {f"/news/area/{force.slug}/" for force in page.areas.all()}
        paths |= {f"/authors/{credit.author.slug}/" for credit in page.article_authors.all()}
    listed = {}
    for path in sorted(paths):
        response = client.get(path)
        links = BeautifulSoup(response.content, "html.parser").select("a[href]")
        hrefs = (link["href"] for link in links)
        listed[path] = {
            "status": response.status_code,
            "stories": list(dict.fromkeys(href for href in hrefs if href in story_urls)),
        }
    return listed


def revision_row(revision):
    content = revision.content or {}
    row = {
        "model": revision.content_type.model,
        "object_id": revision.object_id,
        "title": content.get("title") or content.get("name") or "",
        "scheduled": revision.approved_go_live_at.isoformat()
        if revision.approved_go_live_at
        else None,
    }
    try:
        row["loads"] = str(revision.as_object()) != ""
    except Exception as error:  # noqa: BLE001  (recorded, compared by the test)
        row["loads"] = f"{type(error).__name__}: {error}"
    return row


def snapshot():
    client = Client()
    stories = {}
    for page in ArticlePage.objects.order_by("pk"):
        stories[str(page.pk)] = {
            "slug": page.slug,
            "title": page.title,
            "live": page.live,
            "go_live_at": page.go_live_at.isoformat() if page.go_live_at else None,
            "topics": sorted(tag.name for tag in page.topics.all()),
            "areas": sorted(force.slug for force in page.areas.all()),
            "hero_image": page.hero_image_id,
            "page": rendered(page, client) if page.live else None,
        }
    pictures = {}
    for picture in get_image_model().objects.order_by("pk"):
        pictures[str(picture.pk)] = {
            "title": picture.title,
            "file": picture.file.name,
            "on_disk": picture.file.storage.exists(picture.file.name),
            "credit": getattr(picture, "credit", None),
        }
    revisions = [revision_row(r) for r in Revision.objects.order_by("pk")]
    search = client.get("/search/", {"q": "burglaries"})
    return {
        "stories": stories,
        "listings": listings(client, ArticlePage.objects.live().order_by("pk")),
        "revisions": revisions,
        "pictures": pictures,
        "helplines": [
            {"pk": h.pk, "name": h.name, "number": h.number, "when": h.when_to_call}
            for h in (Helpline.objects.order_by("pk") if Helpline else [])
        ],
        "figures": sorted(
            [f.force.slug, f.measure.slug, f.period, f.value]
            for f in (Figure.objects.all() if Figure else [])
        ),
        "page_log": sorted(
            [e.page_id, e.action, e.timestamp.isoformat()] for e in PageLogEntry.objects.all()
        ),
        "model_log": sorted(
            [e.content_type.model, e.object_id, e.action, e.timestamp.isoformat()]
            for e in ModelLogEntry.objects.all()
        ),
        "search": [
            text(a) for a in BeautifulSoup(search.content, "html.parser").select(".card__title a")
        ],
    }


with open(os.environ["UPGRADE_SNAPSHOT"], "w") as out:
    json.dump(snapshot(), out, indent=1, sort_keys=True)
