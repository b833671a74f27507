"""The newest stories a search matches, read from the listing in windows of time, newest first.

Asked in one query for "the newest 1,000 stories matching X", PostgreSQL chooses on its
estimate of how many match: walk the listing index newest first, reading each story's search
document, or fetch every match through the GIN index and sort them by date. Both go wrong at
100,000 stories: a phrase of two common words, expected in 7,265 stories and found in 33, made
it walk all 100,000 documents; a word in 5% of stories is fetched whole (5,500 rows) to keep
1,000 of them.

A window (`listed_at` between two literal dates) lets it combine the GIN index with the listing
index's range (BitmapAnd) and fetch only the matches in that window. The first window is the
newest `FIRST_WINDOW` stories; each next one reaches back as far as the matches found so far
say it must to hold the rest, half as far again, and at most `GROWTH` times the time read so
far; the last has no lower bound. A word in half the stories takes one window of 2,000
stories, a word in 5% two or three, a rare word three lookups in the GIN index.
"""

from django.core.cache import cache
from django.db.models import Max, Min

from .pagination import COUNT_TIMEOUT, listings_version

FIRST_WINDOW = 2000
GROWTH = 8
SPARE = 1.5


def listing_edges(model) -> dict | None:
    """When the newest, the `FIRST_WINDOW`-th newest and the oldest listed stories were
    listed (None for fewer stories): the same for every search until listings change, so
    cached until then."""
    key = f"articles:search-window-edges:{listings_version()}"
    edges = cache.get(key)
    if edges is None:
        listed = model.objects.listed()
        moments = listed.newest_first().values_list("listed_at", flat=True)
        first = list(moments[FIRST_WINDOW - 1 : FIRST_WINDOW])
        edges = False
        if first:
            edges = listed.aggregate(oldest=Min("listed_at"), newest=Max("listed_at"))
            edges["first"] = first[0]
        cache.set(key, edges, COUNT_TIMEOUT)
    return edges or None


def newest(matches, read, wanted: int) -> list:
    """Up to `wanted` rows of `read(window, n)` (the newest `n` stories of a window of
    `matches`, a queryset of listed stories), newest first across windows."""
    edges = listing_edges(matches.model)
    if edges is None:
        return read(matches, wanted)
    rows, newer, older = [], None, edges["first"]
    while True:
        window = matches if newer is None else matches.filter(listed_at__lt=newer)
        if older is not None:
            window = window.filter(listed_at__gte=older)
        rows += read(window, wanted - len(rows))
        if len(rows) >= wanted or older is None:
            return rows
        read_span = edges["newest"] - older
        span = (GROWTH - 1) * read_span
        if rows:
            span = min(span, SPARE * (wanted - len(rows)) * read_span / len(rows))
        newer, older = older, older - span
        if not span or older <= edges["oldest"]:
            older = None
