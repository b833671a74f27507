"""What search engines are told: the sitemap, the Google News sitemap and robots.txt.

`/sitemap.xml` is Wagtail's sitemap of live, public pages plus the author, topic and area
pages that have published stories;
`/news-sitemap.xml` lists stories published in the last two days, as Google News asks.
"""

import datetime

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from taggit.models import Tag
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from articles.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, Author
from statistics.models import PoliceForce

NEWS_SITEMAP_WINDOW = datetime.timedelta(days=2)


class AuthorSitemap(DjangoSitemap):
    """Authors with at least one published story."""

    def items(self):
        published = ArticlePage.objects.published()
        credits = ArticlePageAuthor.objects.filter(author=OuterRef("pk"), page__in=published)
        return Author.objects.filter(Exists(credits)).order_by("slug")


class ListingSitemap(DjangoSitemap):
    """Topic and area pages with at least one published story."""

    def items(self):
        index = ArticleIndexPage.objects.live().public().first()
        if index is None:
            return []
        published = ArticlePage.objects.published().child_of(index)
        topics = Tag.objects.filter(
            Exists(published.filter(tagged_items__tag=OuterRef("pk")))
        ).order_by("slug")
        areas = PoliceForce.objects.filter(Exists(published.filter(areas=OuterRef("pk")))).order_by(
            "slug"
        )
        base = index.url
        return [base + index.reverse_subpage("topic", kwargs={"tag": t.slug}) for t in topics] + [
            base + index.reverse_subpage("area", kwargs={"force": f.slug}) for f in areas
        ]

    def location(self, path):
        return path


def sitemap(request):
    sitemaps = {"pages": PageSitemap, "authors": AuthorSitemap, "listings": ListingSitemap}
    return wagtail_sitemap(request, sitemaps=sitemaps)


def recent_stories(*, now=None):
    """Published stories whose publication falls in the last two days, newest first."""
    now = now or timezone.now()
    since = now - NEWS_SITEMAP_WINDOW
    candidates = ArticlePage.objects.published().filter(publish_date__gte=timezone.localdate(since))
    stories = [story for story in candidates if since <= story.published_at() <= now]
    return sorted(stories, key=ArticlePage.published_at, reverse=True)


def news_sitemap(request):
    context = {
        "stories": [
            (story.get_full_url(request), story.title, story.published_at())
            for story in recent_stories()
        ]
    }
    return render(request, "newsroom/news_sitemap.xml", context, content_type="application/xml")


def robots_txt(request):
    context = {
        "sitemaps": [
            request.build_absolute_uri(reverse("sitemap")),
            request.build_absolute_uri(reverse("news_sitemap")),
        ]
    }
    return render(request, "newsroom/robots.txt", context, content_type="text/plain")
