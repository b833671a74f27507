"""What search engines are told: the sitemap index, its sitemaps, the Google News sitemap and
robots.txt.

`/sitemap.xml` is an index of sitemaps, each within the protocol's 50,000 URLs
(https://www.sitemaps.org/protocol.html#index): the site's pages other than stories
(Wagtail's), the author, topic and area pages that have published stories, the data pages,
and the stories, in sitemaps of fixed ranges of ids (`story_sitemaps`: a publish rewrites
the one that holds the story, not the others). The index and the small sitemaps are rendered
once and cached until a story is published, unpublished or deleted (the listings version);
the index reads the stories' sitemaps' latest changes from an index, so rebuilding it after
a publish costs a few milliseconds at 100,000 stories. A story's `lastmod` is its
`changed_at` (`modified_at()`), the value `dateModified` gives, so search engines and the
JSON-LD agree.
`/news-sitemap.xml` lists stories published in the last two days, as Google News asks, and
is named in robots.txt only when it has some. Search pages are `noindex`, and not
disallowed, so that crawlers can read the `noindex`.
"""

import datetime

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.timezone import localtime
from django.views.decorators.http import require_safe

from taggit.models import Tag
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Site, get_page_models

from articles.listed_stories import Kind
from articles.models import ArticleIndexPage, ArticlePage, Author, ListedStory
from articles.pagination import listings_version
from statistics.models import Figure, Measure, PoliceForce

from . import story_sitemaps

NEWS_SITEMAP_WINDOW = datetime.timedelta(days=2)
INDEX_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
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
    """Wagtail's sitemap of live, public pages, stories left to `story_sitemaps`: the page
    types named, so that PostgreSQL finds the few pages by type, not among every story."""

    def items(self):
        others = [model for model in get_page_models() if not issubclass(model, ArticlePage)]
        return super().items().exact_type(*others)

    def get_latest_lastmod(self):
        """Wagtail's `lastmod` of the latest page, in one aggregate: not every page loaded
        as its own type."""
        latest = Coalesce("last_published_at", "latest_revision_created_at")
        return self.items().aggregate(latest=Max(latest))["latest"]


def with_a_listed_story(queryset, kind: Kind):
    """The authors, topics or forces of `queryset` with a listed story: one probe each into
    `ListedStory`'s index (kind, key, …), as their pages read it."""
    return queryset.filter(Exists(ListedStory.objects.filter(kind=kind, key=OuterRef("pk"))))


def slugs(queryset) -> list[str]:
    return list(queryset.order_by("slug").values_list("slug", flat=True))


class AuthorSitemap(SiteSitemap):
    """Authors with at least one published story."""

    def items(self):
        return with_a_listed_story(Author.objects.all(), Kind.AUTHOR).order_by("slug")


class ListingSitemap(SiteSitemap):
    """Topic and area pages with at least one published story, and the list of areas."""

    def items(self):
        index = ArticleIndexPage.objects.live().public().first()
        if index is None:
            return []
        topics = slugs(with_a_listed_story(Tag.objects.all(), Kind.TOPIC))
        forces = slugs(with_a_listed_story(PoliceForce.objects.all(), Kind.AREA))
        base = index.url
        return (
            [base + index.reverse_subpage("topic", kwargs={"tag": slug}) for slug in topics]
            + ([base + index.reverse_subpage("areas")] if forces else [])
            + [base + index.reverse_subpage("area", kwargs={"force": slug}) for slug in forces]
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
    "authors": AuthorSitemap,
    "listings": ListingSitemap,
    "data": DataSitemap,
}


def sitemaps_for(request) -> dict:
    return {name: sitemap(request) for name, sitemap in SITEMAPS.items()}


def index_entries(request) -> list[tuple[str, datetime.datetime | None]]:
    """(address, lastmod) of each sitemap: those of `SITEMAPS` (with `?p=` for each further
    50,000 URLs of one), then the stories'."""
    root = request.build_absolute_uri("/").removesuffix("/")
    entries = []
    for name, sitemap in sitemaps_for(request).items():
        url = root + reverse("sitemap_section", kwargs={"section": name})
        lastmod = sitemap.get_latest_lastmod()
        entries += [
            (url if page == 1 else f"{url}?p={page}", lastmod)
            for page in sitemap.paginator.page_range
        ]
    return entries + [(root + path, lastmod) for path, lastmod in story_sitemaps.sitemaps()]


def index_response(request) -> HttpResponse:
    """The index, written directly: it lists some two hundred sitemaps at 100,000 stories."""
    lines = [
        f"<sitemap><loc>{escape(url)}</loc>"
        + (f"<lastmod>{localtime(lastmod).isoformat()}</lastmod>" if lastmod else "")
        + "</sitemap>"
        for url, lastmod in index_entries(request)
    ]
    xml = f"{INDEX_START}\n" + "\n".join(lines) + "\n</sitemapindex>\n"
    return HttpResponse(xml, content_type="application/xml")


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
    return cached_xml(request, "index", lambda: index_response(request))


@require_safe
def sitemap_section(request, section):
    """One sitemap of the index (`?p=` for the next 50,000 URLs of a long one)."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    sitemap = SITEMAPS[section](request)
    return cached_xml(
        request,
        section,
        lambda: sitemap_views.sitemap(
            request, {section: sitemap}, section=section, template_name="newsroom/sitemap.xml"
        ),
    )


@require_safe
def story_sitemap(request, part):
    """One of the stories' sitemaps, not cached here: the page cache keeps it until a change
    to one of its stories purges it."""
    return story_sitemaps.response(request, int(part))


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
