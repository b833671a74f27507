"""What search engines are told: the sitemap index, its sitemaps, the Google News sitemap and
robots.txt.

`/sitemap.xml` is an index of sitemaps, each within the protocol's 50,000 URLs
(https://www.sitemaps.org/protocol.html#index): the site's pages other than stories
(Wagtail's), the stories (from the story table and its listing index, paged by 50,000), the
author, topic and area pages that have published stories, and the data pages. Each sitemap
is rendered once and cached until a story is published, unpublished or deleted (the
listings version). A story's `lastmod` is its `changed_at` (`modified_at()`), the value
`dateModified` gives, so search engines and the JSON-LD agree.
`/news-sitemap.xml` lists stories published in the last two days, as Google News asks, and
is named in robots.txt only when it has some. Search pages are `noindex`, and not
disallowed, so that crawlers can read the `noindex`.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.timezone import localtime
from django.views.decorators.http import require_safe

from taggit.models import Tag
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, Author
from articles.pagination import listings_version
from statistics.models import Figure, Measure, PoliceForce

NEWS_SITEMAP_WINDOW = datetime.timedelta(days=2)
SITEMAP_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
)
SITEMAP_TIMEOUT = 24 * 60 * 60


class SiteSitemap(DjangoSitemap):
    """URLs made absolute with the Wagtail Site's root URL, as Wagtail's own sitemap does."""

    def __init__(self, request):
        self.request = request
        self.root_url = Site.find_for_request(request).root_url

    def get_protocol(self, protocol=None):
        return self.root_url.split("://", 1)[0]

    def get_domain(self, site=None):
        return self.root_url.split("://", 1)[1]


class OtherPagesSitemap(PageSitemap):
    """Wagtail's sitemap of live, public pages, stories left to `StorySitemap`."""

    def items(self):
        return super().items().not_type(ArticlePage)


class StorySitemap(SiteSitemap):
    """Published stories, oldest first (so a sitemap's URLs stay put as stories are added),
    read as (url_path, modified_at, listed_at, id) rows: 50,000 URLs cost one indexed
    query."""

    limit = 50_000

    def items(self):
        return (
            ArticlePage.objects.listed()
            .public()
            .order_by("listed_at", "pk")
            .values_list("url_path", "changed_at", "listed_at", "page_ptr_id")
        )

    def __init__(self, request):
        super().__init__(request)
        self.root_path = Site.find_for_request(request).root_page.url_path

    def location(self, item):
        return item[0][len(self.root_path) - 1 :]

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("changed_at"))["latest"]

    def response(self, page) -> HttpResponse:
        """The sitemap written directly: 50,000 URLs through Django's sitemap template take
        seconds. On PostgreSQL the database writes the XML (one row back, not 50,000 to
        turn into strings one by one); elsewhere, Python, line by line."""
        try:
            number = self.paginator.validate_number(page)
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404("No such sitemap page.") from error
        start = (number - 1) * self.limit
        rows = self.items()[start : start + self.limit]
        if connection.vendor == "postgresql":
            urls, latest = self.urls_in_postgresql(rows)
        else:
            urls, latest = self.urls(rows)
        response = HttpResponse(
            f"{SITEMAP_START}\n{urls}\n</urlset>\n", content_type="application/xml"
        )
        if latest:
            response["Last-Modified"] = http_date(latest.timestamp())
        return response

    def urls(self, rows) -> tuple[str, datetime.datetime | None]:
        """The <url> lines of `rows` and the latest change among them."""
        cut = len(self.root_path) - 1
        lines = []
        for url_path, changed, *_ in rows:
            lastmod = f"<lastmod>{localtime(changed).isoformat()}</lastmod>" if changed else ""
            lines.append(f"<url><loc>{escape(self.root_url + url_path[cut:])}</loc>{lastmod}</url>")
        latest = max((changed for _, changed, *_ in rows if changed), default=None)
        return "\n".join(lines), latest

    def urls_in_postgresql(self, rows) -> tuple[str, datetime.datetime | None]:
        """As `urls`, the lines joined by PostgreSQL, each `lastmod` written as Python's
        `isoformat()` writes local time (as `dateModified` has it)."""
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT string_agg('<url><loc>' || %s"
                " || replace(replace(substr(s.url_path, %s), '&', '&amp;'), '<', '&lt;')"
                " || '</loc>' || coalesce('<lastmod>'"
                " || to_char(t.local, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                " || CASE WHEN date_part('microseconds', t.local)::bigint %% 1000000 = 0 THEN ''"
                " ELSE to_char(t.local, '.US') END"
                " || CASE WHEN t.minutes < 0 THEN '-' ELSE '+' END"
                " || lpad((abs(t.minutes) / 60)::text, 2, '0') || ':'"
                " || lpad((abs(t.minutes) %% 60)::text, 2, '0') || '</lastmod>', '') || '</url>',"
                f" E'\\n' ORDER BY s.listed_at, s.page_ptr_id), max(s.changed_at) FROM ({sql}) s,"
                " LATERAL (SELECT s.changed_at AT TIME ZONE %s AS local,"
                " (date_part('epoch', (s.changed_at AT TIME ZONE %s)"
                " - (s.changed_at AT TIME ZONE 'UTC')) / 60)::int AS minutes) t",
                [
                    escape(self.root_url),
                    len(self.root_path),
                    *params,
                    settings.TIME_ZONE,
                    settings.TIME_ZONE,
                ],
            )
            urls, latest = cursor.fetchone()
        return urls or "", latest


class AuthorSitemap(SiteSitemap):
    """Authors with at least one published story."""

    def items(self):
        published = ArticlePage.objects.listed()
        credits = ArticlePageAuthor.objects.filter(author=OuterRef("pk"), page__in=published)
        return Author.objects.filter(Exists(credits)).order_by("slug")


class ListingSitemap(SiteSitemap):
    """Topic and area pages with at least one published story, and the list of areas."""

    def items(self):
        index = ArticleIndexPage.objects.live().public().first()
        if index is None:
            return []
        published = ArticlePage.objects.listed()
        topics = Tag.objects.filter(
            Exists(published.filter(tagged_items__tag=OuterRef("pk")))
        ).order_by("slug")
        areas = PoliceForce.objects.filter(Exists(published.filter(areas=OuterRef("pk")))).order_by(
            "slug"
        )
        base = index.url
        areas = list(areas)
        return (
            [base + index.reverse_subpage("topic", kwargs={"tag": t.slug}) for t in topics]
            + ([base + index.reverse_subpage("areas")] if areas else [])
            + [base + index.reverse_subpage("area", kwargs={"force": f.slug}) for f in areas]
        )

    def location(self, path):
        return path


class DataSitemap(SiteSitemap):
    """/statistics/ and each measure's data page, last modified when a figure last was."""

    def items(self):
        measures = list(
            Measure.objects.filter(Exists(Figure.objects.filter(measure=OuterRef("pk"))))
            .annotate(changed=Max("figures__updated_at"))
            .order_by("slug")
        )
        latest = max((measure.changed for measure in measures), default=None)
        return [(reverse("statistics:index"), latest)] + [
            (measure.get_absolute_url(), measure.changed) for measure in measures
        ]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "pages": OtherPagesSitemap,
    "stories": StorySitemap,
    "authors": AuthorSitemap,
    "listings": ListingSitemap,
    "data": DataSitemap,
}


def sitemaps_for(request) -> dict:
    return {name: sitemap(request) for name, sitemap in SITEMAPS.items()}


def cached_xml(request, name, render_response):
    """A rendered sitemap, kept until the next story comes or goes (the listings version)."""
    page = request.GET.get("p", "1")
    key = f"newsroom:sitemap:{listings_version()}:{request.get_host()}:{name}:{page}"
    cached = cache.get(key)
    if cached is None:
        response = render_response()
        if response.status_code != 200:
            return response
        if hasattr(response, "render"):
            response.render()
        cached = (response.content, response.get("Last-Modified"))
        cache.set(key, cached, SITEMAP_TIMEOUT)
    content, last_modified = cached
    response = HttpResponse(content, content_type="application/xml")
    if last_modified:
        response["Last-Modified"] = last_modified
    return response


@require_safe
def sitemap_index(request):
    return cached_xml(
        request,
        "index",
        lambda: sitemap_views.index(
            request, sitemaps_for(request), sitemap_url_name="sitemap_section"
        ),
    )


@require_safe
def sitemap_section(request, section):
    """One sitemap of the index (`?p=` for the next 50,000 URLs of a long one)."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    sitemap = SITEMAPS[section](request)
    if hasattr(sitemap, "response"):
        return cached_xml(request, section, lambda: sitemap.response(request.GET.get("p", 1)))
    return cached_xml(
        request,
        section,
        lambda: sitemap_views.sitemap(
            request, {section: sitemap}, section=section, template_name="newsroom/sitemap.xml"
        ),
    )


def recent_stories(*, now=None):
    """Published stories whose publication falls in the last two days, newest first."""
    now = now or timezone.now()
    return (
        ArticlePage.objects.listed()
        .public()
        .filter(listed_at__gte=now - NEWS_SITEMAP_WINDOW, listed_at__lte=now)
        .newest_first()
    )


@require_safe
def news_sitemap(request):
    """Google News's sitemap; with no recent story there is nothing to list, so none."""
    stories = [
        (story.get_full_url(request), story.title, story.listed_at) for story in recent_stories()
    ]
    if not stories:
        raise Http404("No story in the last two days.")
    context = {"stories": stories}
    return render(request, "newsroom/news_sitemap.xml", context, content_type="application/xml")


@require_safe
def robots_txt(request):
    sitemaps = [request.build_absolute_uri(reverse("sitemap"))]
    if recent_stories().exists():
        sitemaps.append(request.build_absolute_uri(reverse("news_sitemap")))
    return render(request, "newsroom/robots.txt", {"sitemaps": sitemaps}, content_type="text/plain")
