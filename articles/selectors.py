"""Reads for readers: the streams of stories that listings, feeds and the home page show.

Stories live only under the one news index (`ArticlePage.parent_page_types`, `max_count`),
so every stream is read from the story table and its listing index, without the page tree.

A `Listing` names a stream once (title, description, page and feed addresses, stories), so
the HTML page and its RSS and Atom feeds cannot disagree about what belongs in it.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from taggit.models import Tag

from statistics.models import PoliceForce

from .models import ArticleIndexPage, ArticlePage, ArticlePageTag, Author

HOME_AREA_STORIES = 3
HOME_AREA_WINDOW = 60


@dataclass(frozen=True)
class Listing:
    title: str
    description: str
    path: str
    articles: QuerySet

    @property
    def feed_path(self):
        return f"{self.path}feed/"

    @property
    def atom_path(self):
        return f"{self.path}feed/atom/"


def published_articles() -> QuerySet:
    """Live, public stories, newest first, read through the listing index."""
    return ArticlePage.objects.listed().public().for_listing()


def news_listing(*, index: ArticleIndexPage) -> Listing:
    return Listing(
        title=index.title,
        description="Every story, newest first.",
        path=index.url,
        articles=published_articles(),
    )


def topic_listing(*, index: ArticleIndexPage, slug: str) -> Listing:
    """Stories tagged with the topic `slug`; a topic no story carries is a 404."""
    tag = Tag.objects.filter(
        Exists(ArticlePageTag.objects.filter(tag=OuterRef("pk"))), slug=slug
    ).first()
    if tag is None:
        raise Http404("No such topic.")
    return Listing(
        title=f"Topic: {tag.name}",
        description=f"Stories about {tag.name}, newest first.",
        path=index.url + index.reverse_subpage("topic", kwargs={"tag": tag.slug}),
        articles=published_articles().filter(tagged_items__tag=tag),
    )


def area_listing(*, index: ArticleIndexPage, slug: str) -> Listing:
    force = PoliceForce.objects.filter(slug=slug).first()
    if force is None:
        raise Http404("No such police-force area.")
    return Listing(
        title=f"Area: {force.short_name}",
        description=f"Stories covering the {force.name} area, newest first.",
        path=index.url + index.reverse_subpage("area", kwargs={"force": force.slug}),
        articles=published_articles().filter(areas=force),
    )


def author_listing(*, author: Author) -> Listing:
    return Listing(
        title=author.name,
        description=f"Stories by {author.name}, newest first.",
        path=author.get_absolute_url(),
        articles=published_articles().filter(article_authors__author=author),
    )


def home_stories() -> list[ArticlePage]:
    """The newest stories, enough for the home page's lead, latest and area sections, in
    one query (and one per prefetched relation)."""
    return list(published_articles().prefetch_related("areas")[:HOME_AREA_WINDOW])


def area_sections(recent: list[ArticlePage]) -> list[tuple[PoliceForce, list[ArticlePage]]]:
    """The home page's sections: each area with its latest stories, areas in name order.

    Built from `home_stories()`, so the home page costs the same number of queries however
    many areas and stories there are.
    """
    sections: dict[PoliceForce, list[ArticlePage]] = {}
    for article in recent:
        for force in article.areas.all():
            stories = sections.setdefault(force, [])
            if len(stories) < HOME_AREA_STORIES:
                stories.append(article)
    return sorted(sections.items(), key=lambda item: item[0].name)
