"""Search over published stories, with Wagtail's search backend.

Whatever a reader types is answered calmly: blank or punctuation-only queries get a hint,
long ones are cut to `MAX_QUERY_LENGTH` characters (and the reader is told), and the query
only ever reaches the page through autoescaped templates.
"""

import re

from django.shortcuts import render

from articles.models import ArticlePage, paginate

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w")


def search_articles(query):
    """Published stories matching `query`, best first; the headline weighs most."""
    return ArticlePage.objects.published().for_listing().search(query, order_by_relevance=True)


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
