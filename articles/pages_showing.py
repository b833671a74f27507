"""Which public pages show a story, an author, a topic, or a helpline or force in a story.

A story is shown on its own page, on the listings that list it (/news/, its topics', areas'
and authors' pages, each with its RSS and Atom feeds, and the list of areas) and on the
stories whose "related stories" block chooses it. An author: their page and feeds, and
wherever their stories are shown. A helpline: the stories that list helplines by an area it
covers. A force: its area page and the stories in its area. Registered with the
`register_pages_showing` hook (`wagtail_hooks.py`); the top layer adds the home page, search
and sitemaps.
"""

from contacts.blocks import shows_helplines_by_area
from images.usage import live_pages_using
from statistics.models import PoliceForce

from .models import ArticleIndexPage, ArticlePage, ArticlePageTag, Author

FEEDS = ("", "feed/", "feed/atom/")


def _with_feeds(path: str) -> set[str]:
    return {path + suffix for suffix in FEEDS}


def listings(story_ids) -> set[str]:
    """The listings and feeds that list any of these stories (their topics, areas and
    authors as stored now)."""
    index = ArticleIndexPage.objects.live().first()
    if index is None:
        return set()
    paths = _with_feeds(index.url) | {index.url + index.reverse_subpage("areas")}
    tags = ArticlePageTag.objects.filter(content_object__in=story_ids)
    for slug in tags.values_list("tag__slug", flat=True).distinct():
        paths |= _with_feeds(index.url + index.reverse_subpage("topic", kwargs={"tag": slug}))
    for slug in PoliceForce.objects.filter(articles__in=story_ids).values_list("slug", flat=True):
        paths |= _with_feeds(index.url + index.reverse_subpage("area", kwargs={"force": slug}))
    for author in Author.objects.filter(article_credits__page__in=story_ids).distinct():
        paths |= _with_feeds(author.get_absolute_url())
    return paths


def story(story) -> set[str]:
    """Live or just taken down: its listings either way."""
    paths = {story.url} if story.url else set()
    paths |= {page.url for page in live_pages_using([story]) if page.url}
    return paths | listings([story.pk])


def author(author) -> list:
    stories = ArticlePage.objects.live().filter(article_authors__author=author)
    return [*_with_feeds(author.get_absolute_url()), *stories.distinct().defer_streamfields()]


def topic(tag) -> list:
    stories = ArticlePage.objects.live().filter(tagged_items__tag=tag)
    return list(stories.distinct().defer_streamfields())


def force(force) -> set[str]:
    index = ArticleIndexPage.objects.live().first()
    if index is None:
        return set()
    paths = _with_feeds(index.url + index.reverse_subpage("area", kwargs={"force": force.slug}))
    paths.add(index.url + index.reverse_subpage("areas"))
    return paths | {page.url for page in ArticlePage.objects.live().filter(areas=force)}


def helpline(helpline) -> set[str]:
    """The stories whose helplines block lists them by area: those covering its area, or all
    of them for a UK-wide helpline."""
    stories = ArticlePage.objects.live().only("pk", "url_path", "body")
    if helpline.area_id is not None:
        stories = stories.filter(areas=helpline.area_id)
    return {page.url for page in stories.iterator() if shows_helplines_by_area(page.body)}
