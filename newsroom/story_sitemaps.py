"""The stories' sitemaps: one per fixed range of story ids, so a story stays in one sitemap
all its life.

Sitemap n (`/sitemap-stories-<n>.xml`) lists the published stories whose ids run from
(n - 1) × 500 to n × 500 - 1 (`STORY_IDS_PER_SITEMAP`), by id. A new story has the newest
id, so publishing it rewrites only the newest sitemap; publishing an old draft, editing,
unpublishing or deleting a story rewrites only the sitemap that holds it (`part_of`), and
that one is purged with the index (`newsroom.pages_showing`). The others stay as they were,
kept by the page cache and Varnish until purged. Each is far within the protocol's 50,000
URLs and is written in milliseconds from the primary key, so none needs a cache of its own.

The index gives each sitemap the latest `changed_at` of its stories (the `lastmod` its
stories have, as `dateModified` gives it). On PostgreSQL that is one probe per sitemap into
the `article_sitemap_part` index (part, changed_at), never a scan of the story table. The
probe does not know Wagtail's private sections: a story in one counts towards its sitemap's
`lastmod` there, while the sitemap itself leaves it out.
"""

import datetime

from django.db import connection
from django.db.models import ExpressionWrapper, F, IntegerField, Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.timezone import get_current_timezone

from wagtail.models import Site

from articles.models import STORY_IDS_PER_SITEMAP, ArticlePage

SITEMAP_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
)


def part_of(story_id: int) -> int:
    """The number of the sitemap that lists this story whenever it is published."""
    return story_id // STORY_IDS_PER_SITEMAP + 1


def path(part: int) -> str:
    return reverse("story_sitemap", kwargs={"part": part})


def sitemaps() -> list[tuple[str, datetime.datetime]]:
    """The address of each sitemap that lists a story, with the latest change among its
    stories; one `reverse` for all (each costs 50–90 µs, and there are hundreds)."""
    first = path(1)
    return [(first.replace("-1.xml", f"-{part}.xml"), latest) for part, latest in _parts()]


def _parts() -> list[tuple[int, datetime.datetime]]:
    if connection.vendor == "postgresql":
        return _parts_in_postgresql()
    part = ExpressionWrapper(F("page_ptr") / STORY_IDS_PER_SITEMAP, output_field=IntegerField())
    rows = (
        ArticlePage.objects.listed()
        .annotate(part=part)
        .values_list("part")
        .annotate(latest=Max("changed_at"))
        .order_by("part")
    )
    return [(number + 1, latest) for number, latest in rows]


def _parts_in_postgresql() -> list[tuple[int, datetime.datetime]]:
    """A grouped query would read every story; instead, for each part between the first and
    the last, PostgreSQL reads its latest `changed_at` from the top of the index (the
    expression written as the index has it)."""
    part = f"(page_ptr_id / {int(STORY_IDS_PER_SITEMAP)})"
    listed = "FROM articles_articlepage WHERE listed_at IS NOT NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT n, (SELECT max(changed_at) {listed} AND {part} = n)"
            f" FROM generate_series((SELECT min({part}) {listed}), (SELECT max({part}) {listed})) n"
        )
        rows = cursor.fetchall()
    return [(number + 1, latest) for number, latest in rows if latest is not None]


def response(request, part: int) -> HttpResponse:
    """Sitemap `part`, written line by line; `Last-Modified` is its latest change. A part
    with no published story is a 404."""
    site = Site.find_for_request(request)
    first = (part - 1) * STORY_IDS_PER_SITEMAP
    rows = list(
        ArticlePage.objects.listed()
        .public()
        .filter(page_ptr_id__gte=first, page_ptr_id__lt=first + STORY_IDS_PER_SITEMAP)
        .order_by("page_ptr_id")
        .values_list("url_path", "changed_at")
    )
    if not rows:
        raise Http404("No such sitemap.")
    cut = len(site.root_page.url_path) - 1
    root = escape(site.root_url)
    zone = get_current_timezone()  # once: `localtime()` looks it up for each of 500 rows
    lines = [
        f"<url><loc>{root}{escape(url_path[cut:])}</loc>"
        f"<lastmod>{changed.astimezone(zone).isoformat()}</lastmod></url>"
        for url_path, changed in rows
    ]
    xml = f"{SITEMAP_START}\n" + "\n".join(lines) + "\n</urlset>\n"
    response = HttpResponse(xml, content_type="application/xml")
    response["Last-Modified"] = http_date(max(changed for _, changed in rows).timestamp())
    return response
