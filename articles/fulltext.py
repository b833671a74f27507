"""Full-text search over stories that understands English, on PostgreSQL and on SQLite.

PostgreSQL (production) keeps a weighted `tsvector` on each story (`ArticlePage.search_vector`,
`english` configuration: headline A; standfirst, topics, areas and authors B; body C) behind
a GIN index, so a search reads only the stories that match: the newest thousand, found window
by window down the listing (`search_windows`), each ranked with `ts_rank` as it is read, from
the story table alone (the document is kept in the story's row); the same rows give the
count and the page. A quoted phrase is looked up in a second GIN index, of each document's
adjacent word pairs. Only the page of results shown is then loaded, matches marked.
SQLite (development) keeps the same texts in an FTS5 table with the Porter stemmer,
ranked with `bm25`. Either way "offence" finds "offences" and "child" finds "children".

"child" finds "children" too, through a short list of irregular plurals (`IRREGULAR`).
A story's document is written when the story is saved (`index_article`), after its topics
and authors are, so it never lags behind what the reader sees; `manage.py rebuild_search`
writes every story's again (after an upgrade: migrations never write them). Reader queries
are parsed here, not by the database's query syntax: words, and "quoted phrases", nothing else.
https://www.postgresql.org/docs/current/textsearch-controls.html
https://www.sqlite.org/fts5.html#porter_tokenizer
"""

import re
from dataclasses import dataclass
from functools import partial, reduce
from operator import or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, TextField
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import search_windows

CONFIG = "english"
SQLITE_TABLE = "articles_search_fts"
# Headline; standfirst; topics, areas and authors; body: PostgreSQL's weights A, B, B, C.
WEIGHTS = ("A", "B", "B", "C")
SQLITE_COLUMNS = ("title", "standfirst", "labels", "body")
SQLITE_COLUMN_WEIGHTS = (10.0, 4.0, 4.0, 1.0)
# ts_rank's weights for D, C, B, A: within a tier (below), the more and weightier the
# matches, the higher.
POSTGRESQL_RANK_WEIGHTS = [0.01, 0.02, 0.1, 1.0]
# Tiers, whatever the rank within them: stories whose headline matches the whole query come
# first (3), then those matched in headline, standfirst, topics, areas and authors (2), then
# the rest, matched only with the body's words (1). The weights above alone let a story
# naming "Wiltshire" ten times in its body outrank one with "Wiltshire" in its headline.
HEADLINE_WEIGHTS, HEADLINE_COLUMNS = "A", ("title",)
FRONT_WEIGHTS, FRONT_COLUMNS = "AB", ("title", "standfirst", "labels")
# A search ranks (and counts) at most this many matches, the newest: enough pages for any
# reader, and a word found in most stories costs no more than a rare one.
CANDIDATES = 1000
# A word pair in more than this share of stories is not worth looking up in the pairs index:
# nearly every story it offers has the phrase, and walking the listing finds them sooner.
COMMON_PAIR = 0.05
COMMON_PAIRS_SECONDS = 60 * 60
# Matched words are marked with these characters by the database, then escaped and turned
# into <mark> here, so a story's own text can never inject markup.
MARK_START, MARK_END = "\x02", "\x03"
TOKEN = re.compile(r'"([^"]*)"|(\w+)')
WORD = re.compile(r"\w+")
# Plurals no stemmer derives (Porter and Snowball both leave "children" alone): a word of a
# query also finds its other form.
IRREGULAR = {"child": "children", "person": "people", "man": "men", "woman": "women"}
IRREGULAR |= {plural: singular for singular, plural in IRREGULAR.items()}


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query as words and phrases (each a tuple of lower-case words)."""

    terms: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, text: str) -> "ParsedQuery":
        terms = []
        for phrase, word in TOKEN.findall(text.lower()):
            words = tuple(WORD.findall(phrase)) if phrase else (word,)
            if words:
                terms.append(words)
        return cls(tuple(terms))

    def __bool__(self):
        return bool(self.terms)

    def words(self) -> list[str]:
        return [word for term in self.terms for word in term]

    def alternatives(self, term) -> list[tuple[str, ...]]:
        """A term, and the same with an irregular plural or singular in place of a word."""
        other = tuple(IRREGULAR.get(word, word) for word in term)
        return [term] if other == term else [term, other]

    def tsquery(self, weights: str = "") -> str:
        """For PostgreSQL's `to_tsquery` (words are only letters and digits, so none reads
        as an operator): terms ANDed, a phrase's words adjacent (<->), alternatives ORed;
        with `weights` ("A", "AB"), each word found only in text of those weights."""
        label = f":{weights}" if weights else ""
        return " & ".join(
            "("
            + " | ".join(
                " <-> ".join(f"{word}{label}" for word in words)
                for words in self.alternatives(term)
            )
            + ")"
            for term in self.terms
        )

    def fts5(self, columns: tuple[str, ...] = ()) -> str:
        """For SQLite's FTS5 MATCH: each word or phrase a quoted string; terms ANDed,
        alternatives ORed; with `columns`, found in those columns only."""
        match = " AND ".join(
            "(" + " OR ".join(f'"{" ".join(words)}"' for words in self.alternatives(term)) + ")"
            for term in self.terms
        )
        return f"{{{' '.join(columns)}}} : ({match})" if columns else match


def document(article, body=None) -> tuple[str, str, str, str]:
    """The texts a story is found by: headline; standfirst; its topics, areas and authors;
    the body's words (rich text stripped). `body`: the body already converted (`documents`)."""
    labels = [tag.name for tag in article.topics.all()]
    labels += [force.name for force in article.areas.all()]
    labels += [credit.author.name for credit in article.article_authors.all()]
    stream = article.body.stream_block
    if body is None:
        # Read from a copy: converting the page's own body would change how it is saved next.
        body = stream.to_python(list(article.body.raw_data))
    texts = stream.get_searchable_content(body)
    return article.title, article.standfirst, " ".join(labels), " ".join(filter(None, texts))


def documents(articles) -> list[tuple[int, str, str, str, str]]:
    """(id, *document) of each story, their bodies converted together: each kind of block
    reads what it shows once for all the stories, not once a story."""
    if not articles:
        return []
    stream = articles[0].body.stream_block
    bodies = stream.bulk_to_python([list(article.body.raw_data) for article in articles])
    return [
        (article.pk, *document(article, body))
        for article, body in zip(articles, bodies, strict=True)
    ]


def index_article(article) -> None:
    """Write the story's search document. Called once the story and its topics, areas and
    authors are saved."""
    index_articles([article])


def index_articles(articles) -> None:
    """Write the search documents of stories (loaded with their topics, areas and authors):
    one statement for them all on PostgreSQL, two on SQLite."""
    rows = documents(articles)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            vector = " || ".join(
                f"setweight(to_tsvector(%s::regconfig, COALESCE(t.{column}, '')), '{weight}')"
                for column, weight in zip(SQLITE_COLUMNS, WEIGHTS, strict=True)
            )
            values = ", ".join(["(%s::integer, %s, %s, %s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE articles_articlepage a SET search_vector = {vector} "
                f"FROM (VALUES {values}) AS t (id, {', '.join(SQLITE_COLUMNS)}) "
                "WHERE a.page_ptr_id = t.id",
                [CONFIG] * len(WEIGHTS) + [value for row in rows for value in row],
            )
        elif connection.vendor == "sqlite":
            cursor.executemany(
                f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [[row[0]] for row in rows]
            )
            cursor.executemany(
                f"INSERT INTO {SQLITE_TABLE} (rowid, {', '.join(SQLITE_COLUMNS)}) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )


def remove_orphans() -> None:
    """SQLite: drop the documents of stories that are no longer there (PostgreSQL keeps each
    story's document in its own row)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {SQLITE_TABLE} "
                "WHERE rowid NOT IN (SELECT page_ptr_id FROM articles_articlepage)"
            )


def remove_article(pk) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [pk])


def ranked(queryset, query: ParsedQuery) -> "RankedIds":
    """The ids of the newest `CANDIDATES` stories of `queryset` matching every word and
    phrase of `query`, best first: headline matches, then standfirst (topics, areas,
    authors), then body (the tiers above), by rank within each, then the newest. Bounded
    so that a word in most stories ("police") costs what a rare one does: only the newest
    matches are read (on PostgreSQL window by window, `search_windows`), ranked and counted."""
    if connection.vendor == "postgresql":
        matches = _postgresql_matches(queryset, query)
        read = partial(_postgresql_ranked, query)
        return RankedIds(partial(search_windows.newest, matches, read, CANDIDATES))
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    matches = queryset.filter(pk__in=RawSQL(_fts5_rows("rowid"), [query.fts5()]))
    rank = RawSQL(_fts5_rows(f"-bm25({SQLITE_TABLE}, {weights})", True), [query.fts5()])
    found_in = f"EXISTS({_fts5_rows('1', True)})"
    tier = RawSQL(
        f"CASE WHEN {found_in} THEN 3 WHEN {found_in} THEN 2 ELSE 1 END",
        [query.fts5(HEADLINE_COLUMNS), query.fts5(FRONT_COLUMNS)],
    )
    candidates = matches.order_by("-listed_at", "-pk").values_list("pk", tier, rank)[:CANDIDATES]
    return RankedIds(lambda: list(candidates))


def _postgresql_matches(queryset, query: ParsedQuery):
    """The stories of `queryset` matching `query`, asked as PostgreSQL's GIN indexes answer
    exactly. Words go to `article_search_vector`; a phrase goes to the index of adjacent
    word pairs (`article_search_pairs`, migration 0015), because the first index knows only
    which words a story has: for a phrase of common words it would offer most stories, each
    document then read to find the words side by side. The stories the pairs index offers
    are then tested against the whole query (`ts_match_vq`: a function call, which no index
    answers), so a phrase of three words means what `<->` means. A phrase with no pairs (a
    stop word between its words) is asked of the first index, as every query was before."""
    whole = queryset.filter(search_vector=_tsquery(query.tsquery()))
    if all(len(term) == 1 for term in query.terms):
        return whole
    words, phrases = [], []
    common = common_pairs()
    for term, found, pairs in _postgresql_terms(query):
        looked_up = all(pairs) and not any(common.issuperset(each) for each in pairs)
        if found and len(term) > 1 and looked_up:
            phrases.append(reduce(or_, (Q(pairs__contains=each) for each in pairs)))
        elif found:  # a term of stop words alone is left out, as `to_tsquery` leaves it out
            words.append(term)
    if not phrases:
        return whole
    word_pairs = Func(
        F("search_vector"), function="article_word_pairs", output_field=ArrayField(TextField())
    )
    matches = queryset.alias(pairs=word_pairs).filter(*phrases)
    if words:
        matches = matches.filter(search_vector=_tsquery(ParsedQuery(tuple(words)).tsquery()))
    whole_query = Func(
        F("search_vector"),
        _tsquery(query.tsquery()),
        function="ts_match_vq",
        output_field=BooleanField(),
    )
    return matches.filter(whole_query)


def common_pairs() -> set[str]:
    """The word pairs in more than `COMMON_PAIR` of stories, from PostgreSQL's statistics of
    the pairs index (`ANALYZE`), cached for an hour. "service service", in nearly every
    generated story, was looked up in the index and its function then run on every story of
    the newest window to confirm it: 280 ms where a plain phrase test takes 3."""
    pairs = cache.get("articles:common-word-pairs")
    if pairs is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'article_search_pairs'"
            )
            row = cursor.fetchone()
        elements, shares = row if row and row[0] else ([], [])
        # `most_common_elem_freqs` ends with three more numbers (the least and greatest
        # share, and the share of nulls), which zip leaves off.
        common = zip(elements, shares, strict=False)
        pairs = {pair for pair, share in common if share > COMMON_PAIR}
        cache.set("articles:common-word-pairs", pairs, COMMON_PAIRS_SECONDS)
    return pairs


def _postgresql_terms(query: ParsedQuery) -> list[tuple[tuple[str, ...], bool, list]]:
    """Each term of `query` with whether PostgreSQL finds a word in it (stop words alone
    have none) and the word pairs of each of its alternatives, as the pairs index holds
    them (stemmed, stop words left out)."""
    alternatives = [(term, words) for term in query.terms for words in query.alternatives(term)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(to_tsquery(%s::regconfig, a.query)) > 0, "
            "article_word_pairs(to_tsvector(%s::regconfig, a.words)) "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS a (query, words, n) "
            "ORDER BY a.n",
            [
                CONFIG,
                CONFIG,
                [" <-> ".join(words) for _, words in alternatives],
                [" ".join(words) for _, words in alternatives],
            ],
        )
        rows = cursor.fetchall()
    terms = {}
    for (term, _), (found, pairs) in zip(alternatives, rows, strict=True):
        was_found, all_pairs = terms.get(term, (False, []))
        terms[term] = (was_found or found, [*all_pairs, pairs])
    return [(term, found, pairs) for term, (found, pairs) in terms.items()]


def _tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, config=CONFIG, search_type="raw")


def _postgresql_ranked(query: ParsedQuery, window, n: int) -> list[tuple]:
    """The newest `n` stories of `window` as (story, tier, score) rows, newest first. Ranked
    once chosen, each document read once: `|| ''` reads it, and OFFSET 0 keeps PostgreSQL
    from moving that into the three tests, which would each read it again."""
    newest = window.order_by("-listed_at", "-pk").values_list("pk", "listed_at", "search_vector")
    sql, params = newest[:n].query.sql_with_params()
    found = "c.document @@ to_tsquery(%s::regconfig, %s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.story, CASE WHEN {found} THEN 3 WHEN {found} THEN 2 ELSE 1 END, "
            "ts_rank(%s::float4[], c.document, to_tsquery(%s::regconfig, %s)) "
            "FROM (SELECT m.story, m.moment, m.document || ''::tsvector AS document "
            f"FROM ({sql}) AS m (story, moment, document) OFFSET 0) AS c "
            "ORDER BY c.moment DESC, c.story DESC",
            [
                CONFIG,
                query.tsquery(HEADLINE_WEIGHTS),
                CONFIG,
                query.tsquery(FRONT_WEIGHTS),
                POSTGRESQL_RANK_WEIGHTS,
                CONFIG,
                query.tsquery(),
                *params,
            ],
        )
        return cursor.fetchall()


class RankedIds:
    """Story ids, best first, paged and counted as a paginator pages a queryset: the
    candidates' (story, tier, score) rows, newest first, are read once for the count and the
    page alike (at most `CANDIDATES` of them), and sorted here by tier and score; the sort
    is stable, so the newest comes first among equals. Its count is the rows read, never
    cached: the page needs them read anyway."""

    def __init__(self, read):
        self.read = read

    @cached_property
    def ids(self) -> list[int]:
        rows = sorted(self.read(), key=lambda row: (row[1], row[2]), reverse=True)
        return [row[0] for row in rows]

    def count(self) -> int:
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, page: slice) -> list[int]:
        return self.ids[page]


def with_marks(queryset, query: ParsedQuery):
    """Each story with `marked_title` and `marked_standfirst`: its text with the matched
    words between MARK_START and MARK_END (see `marked`). For a page of results only."""
    if connection.vendor == "postgresql":
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"

        def mark(column):
            return RawSQL(
                f"ts_headline(%s, {column}, to_tsquery(%s, %s), %s)",
                [CONFIG, CONFIG, query.tsquery(), options],
                output_field=TextField(),
            )

        return queryset.annotate(
            marked_title=mark('"wagtailcore_page"."title"'),
            marked_standfirst=mark('"articles_articlepage"."standfirst"'),
        )

    def mark(number):
        sql = f"highlight({SQLITE_TABLE}, {number}, '{MARK_START}', '{MARK_END}')"
        return RawSQL(_fts5_rows(sql, True), [query.fts5()], output_field=TextField())

    return queryset.annotate(marked_title=mark(0), marked_standfirst=mark(1))


def _fts5_rows(select, this_story=False):
    sql = f"SELECT {select} FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s"
    return sql + " AND rowid = articles_articlepage.page_ptr_id" if this_story else sql


def marked(text: str | None, fallback: str) -> str:
    """Database-marked text as safe HTML with <mark> around matched words."""
    if not text or MARK_START not in text:
        return escape(fallback)
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own tags are added)
