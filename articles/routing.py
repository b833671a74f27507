"""The parts of the page tree every request reads, cached until they change.

Wagtail serves a story by walking the tree from the site's root page (two queries a level)
and checks view restrictions on the page and its ancestors (two more). The news index and
the list of view restrictions change a few times a year, so both are cached here and
forgotten by the signal handlers when either changes; a story is then found with one query.
"""

from django.conf import settings
from django.core.cache import caches

from wagtail.models import PageViewRestriction

NEWS_INDEX_KEY = "articles:news-index"
RESTRICTIONS_KEY = "articles:view-restrictions"


def cached_news_index(model):
    """The live news index (a `model` instance, or None), cached (`False` while there is
    none, so that "none" is cached too)."""
    index = caches["site_objects"].get_or_set(
        NEWS_INDEX_KEY, lambda: model.objects.live().first() or False, settings.OBJECT_CACHE_SECONDS
    )
    return index or None


def view_restrictions() -> list[PageViewRestriction]:
    """Every view restriction, with the path of the page it protects, cached."""
    return caches["site_objects"].get_or_set(
        RESTRICTIONS_KEY,
        lambda: list(PageViewRestriction.objects.select_related("page")),
        settings.OBJECT_CACHE_SECONDS,
    )


def forget_news_index(**kwargs):
    caches["site_objects"].delete(NEWS_INDEX_KEY)


def forget_view_restrictions(**kwargs):
    caches["site_objects"].delete(RESTRICTIONS_KEY)


class CachedViewRestrictionsMixin:
    """Answers Wagtail's view-restriction check from the cached list instead of two queries
    (an alias page, rare here, is checked as Wagtail does)."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        return [
            restriction
            for restriction in view_restrictions()
            if self.path.startswith(restriction.page.path)
        ]
