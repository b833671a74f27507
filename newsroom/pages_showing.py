"""Which of the top layer's pages show a thing: a page's own address (and the sitemap of
pages other than stories); for a story, the home page, search results, the sitemap index,
the one stories' sitemap that holds it (`story_sitemaps.part_of`, the same all its life),
the author and listing sitemaps, and robots.txt with the news sitemap while the story may be
in it (robots.txt names the news sitemap only when that lists a story, so its line appears
and goes with such a story); the data sitemap for the statistics; search results for an
editor's pick; every page for the site settings (the site's name, logo and accounts are on
each). Registered with the `register_pages_showing` hook (`wagtail_hooks.py`), beside each
app's own answer."""

from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePage

from . import story_sitemaps
from .page_cache import EVERYTHING
from .sitemaps import NEWS_SITEMAP_WINDOW


def _sitemaps(*sections) -> set[str]:
    return {reverse("sitemap")} | {
        reverse("sitemap_section", kwargs={"section": section}) for section in sections
    }


def page(page) -> set[str]:
    paths = {page.url} if page.url else set()
    if isinstance(page, ArticlePage):
        return paths
    return paths | _sitemaps("pages")


def _may_be_in_news_sitemap(story) -> bool:
    """Whether it went live within the news sitemap's window (its listing date is cleared
    when it is taken down, so its publication dates are read too)."""
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    dates = (story.listed_at, story.first_published_at, story.last_published_at)
    return any(date is not None and date >= since for date in dates)


def story(story) -> set[str]:
    paths = {"/", reverse("search"), story_sitemaps.path(story_sitemaps.part_of(story.pk))}
    paths |= _sitemaps("authors", "listings")
    if _may_be_in_news_sitemap(story):
        paths |= {reverse("news_sitemap"), reverse("robots_txt")}
    return paths


def statistics(obj) -> set[str]:
    return _sitemaps("data")


def search_promotion(promotion) -> set[str]:
    return {reverse("search")}


def site_settings(settings) -> set[str]:
    return {EVERYTHING}
