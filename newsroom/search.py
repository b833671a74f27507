"""Search over published stories, with Wagtail's search backend.

Headline matches come first, then the other matches, each group in the backend's order of
relevance: PostgreSQL weighs the title, but SQLite's ranking ignores field boosts, so the
order is settled here the same way on both.

Whatever a reader types is answered calmly: blank or punctuation-only queries get a hint,
long ones are cut to `MAX_QUERY_LENGTH` characters (and the reader is told), and the query
only ever reaches the page through autoescaped templates.
"""

import re
from collections.abc import Sequence

from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


class RankedStories(Sequence):
    """Story ids in rank order; a slice loads just those stories, ready for listing cards."""

    def __init__(self, pks):
        self.pks = pks

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        pks = self.pks[index]
        stories = ArticlePage.objects.for_listing().in_bulk(pks)
        return [stories[pk] for pk in pks if pk in stories]


def search_articles(query: str) -> RankedStories:
    """Published stories matching the words of `query`: headline matches first, then the rest.

    Only the words are searched, in lower case: SQLite's full-text syntax would otherwise
    read quotes, brackets and capitalised AND, OR, NOT as operators, and fail on them.
    """
    query = " ".join(WORD.findall(query.lower()))
    published = ArticlePage.objects.published().only("pk")
    ranked = [story.pk for story in published.search(query)]
    in_headline = {story.pk for story in published.search(query, fields=["title"])}
    return RankedStories(sorted(ranked, key=lambda pk: pk not in in_headline))


@require_safe
def search(request):
    raw_query = " ".join(request.GET.get("q", "").split())
    query = raw_query[:MAX_QUERY_LENGTH].strip()
    context = {
        "search_query": query,
        "truncated": len(raw_query) > MAX_QUERY_LENGTH,
        "has_words": bool(WORD.search(query)),
        "articles": None,
    }
    if context["has_words"]:
        context["articles"] = paginate(request, search_articles(query))
    return render(request, "newsroom/search.html", context)
