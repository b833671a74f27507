"""Pages of a listing that cost the same at page 1 and at page 5,000.

A listing of 100,000 stories is paged in two steps: the ids of one page come from the story
table alone, walking the `article_listing_order` index (no join, no sort), then only those
stories are loaded with what their cards show. Counting is the other cost of a deep
listing, so each listing's count is cached until the next story is published, unpublished
or deleted (`listings_changed`): listings change when stories do, not between requests.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import SimpleLazyObject

VERSION_KEY = "articles:listings-version"
COUNT_TIMEOUT = 24 * 60 * 60


def listings_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def listings_changed(**kwargs) -> None:
    """Forget every cached listing count (and what else is keyed on the version)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


class CountedIds:
    """Story ids in listing order (a flat `values_list` queryset), read as a paginator reads
    them (a count, then a slice), with the count cached until listings next change, keyed by
    the query's SQL: counting 100,000 stories costs more than reading a page of them."""

    def __init__(self, ids):
        self.ids = ids

    def count(self) -> int:
        sql, params = self.ids.query.sql_with_params()
        digest = hashlib.sha1(f"{sql}|{params}".encode()).hexdigest()
        key = f"articles:listing-count:{listings_version()}:{digest}"
        count = cache.get(key)
        if count is None:
            count = self.ids.count()
            cache.set(key, count, COUNT_TIMEOUT)
        return count

    def __getitem__(self, page):
        return self.ids[page]


class ListingPaginator(Paginator):
    """Pages `ids` (`CountedIds`, or a search's `fulltext.RankedIds`, which counts the
    matches it has read anyway) and loads each page's stories from `stories` (a queryset
    with what the cards need)."""

    def __init__(self, ids, stories, per_page):
        super().__init__(ids, per_page)
        self.stories = stories

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(in_order(self.stories, list(object_list)), number, paginator)


def in_order(stories, pks) -> list:
    """The stories with these ids, loaded from `stories` in one query, in the ids' order."""
    found = stories.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def listing_context(request, listing, per_page) -> dict:
    """What a listing's template needs: the page number asked for, the listings version
    (with which its rendered cards are cached) and the page of stories, read only when the
    cards are not cached."""
    number = request.GET.get("page", "1")
    if not number.isdigit() or int(number) < 1:
        raise Http404("No such page of results.")
    return {
        "page_number": int(number),
        "listings_version": listings_version(),
        "articles": SimpleLazyObject(
            lambda: paginate_listing(request, CountedIds(listing.ids), per_page, listing.stories)
        ),
    }


def paginate_listing(request, ids, per_page, stories):
    """One page of `ids` (`CountedIds` in listing order, or a search's `fulltext.RankedIds`)
    for `?page=`, loaded from `stories` (with what a card shows); a
    page number that is not there is a 404."""
    paginator = ListingPaginator(ids, stories, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of results.") from error
