"""Search over published stories: English stemming, ranked, matched words marked.

The full-text work is `articles.fulltext` (a GIN-indexed `tsvector` on PostgreSQL, FTS5 with
the Porter stemmer on SQLite); headline matches come first on both. Editors' picks for a
query (Wagtail's search promotions) are shown above the results, and a query with a
misspelt police-force name gets a "Did you mean" with the force's name put right.

Whatever a reader types is answered calmly: blank or punctuation-only queries get a hint,
long ones are cut to `MAX_QUERY_LENGTH` characters (and the reader is told), only words and
"quoted phrases" reach the database, and the query only ever reaches the page through
autoescaped templates.
"""

import difflib

from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from articles import fulltext
from articles.models import ARTICLES_PER_PAGE, ArticlePage
from articles.pagination import paginate_listing
from statistics.lookup import all_forces

MAX_QUERY_LENGTH = 200
SPELLING_CUTOFF = 0.75


def search_articles(query: fulltext.ParsedQuery) -> fulltext.RankedIds:
    """The ids of published stories matching every word and phrase of `query`, best first
    (the newest `fulltext.CANDIDATES` of them)."""
    return fulltext.ranked(ArticlePage.objects.listed().public(), query)


def editors_picks(query_text: str) -> list[SearchPromotion]:
    """The pages editors promoted for this query, in their order; live pages only."""
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query_text)
    ).select_related("page")
    return [pick for pick in picks.order_by("sort_order") if pick.page is None or pick.page.live]


def did_you_mean(query: fulltext.ParsedQuery) -> str | None:
    """The query with each word that looks like a misspelt force name put right, or None
    when no word does."""
    names = {}
    for force in all_forces():
        for name in (force.short_name, force.slug):
            names.setdefault(name.lower(), force.short_name.lower())
    words, changed = [], False
    for word in query.words():
        if word in names or len(word) < 4:
            words.append(word)
            continue
        close = difflib.get_close_matches(word, list(names), n=1, cutoff=SPELLING_CUTOFF)
        words.append(names[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(words) if changed else None


@require_safe
def search(request):
    raw_query = " ".join(request.GET.get("q", "").split())
    query_text = raw_query[:MAX_QUERY_LENGTH].strip()
    query = fulltext.ParsedQuery.parse(query_text)
    context = {
        "search_query": query_text,
        "truncated": len(raw_query) > MAX_QUERY_LENGTH,
        "has_words": bool(query),
        "articles": None,
        "picks": [],
        "suggestion": None,
        "most_results": fulltext.CANDIDATES,
    }
    if query:
        stories = fulltext.with_marks(ArticlePage.objects.for_listing(), query)
        context["articles"] = page = paginate_listing(
            request, search_articles(query), ARTICLES_PER_PAGE, stories=stories
        )
        for story in page:  # shown, never saved: the matched words marked
            story.title = fulltext.marked(story.marked_title, story.title)
            story.standfirst = fulltext.marked(story.marked_standfirst, story.standfirst)
        context["picks"] = editors_picks(query_text)
        context["suggestion"] = did_you_mean(query)
    return render(request, "newsroom/search.html", context)
