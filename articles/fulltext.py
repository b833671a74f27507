"""Full-text search over stories that understands English, on PostgreSQL and on SQLite.

PostgreSQL (production) keeps a weighted `tsvector` on each story (`ArticlePage.search_vector`,
`english` configuration: headline A; standfirst, topics, areas and authors B; body C) behind
a GIN index, so a search reads only the stories that match and ranks them with `ts_rank`.
SQLite (development) keeps the same three texts in an FTS5 table with the Porter stemmer,
ranked with `bm25`. Either way "offence" finds "offences" and "child" finds "children".

"child" finds "children" too, through a short list of irregular plurals (`IRREGULAR`).
A story's document is written when the story is saved (`index_article`), after its topics
and authors are, so it never lags behind what the reader sees. Reader queries are parsed
here, not by the database's query syntax: words, and "quoted phrases", nothing else.
https://www.postgresql.org/docs/current/textsearch-controls.html
https://www.sqlite.org/fts5.html#porter_tokenizer
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "english"
SQLITE_TABLE = "articles_search_fts"
# Headline; standfirst; topics, areas and authors; body: PostgreSQL's weights A, B, B, C.
WEIGHTS = ("A", "B", "B", "C")
SQLITE_COLUMNS = ("title", "standfirst", "labels", "body")
SQLITE_COLUMN_WEIGHTS = (10.0, 4.0, 4.0, 1.0)
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

    def tsquery(self) -> str:
        """For PostgreSQL's `to_tsquery` (words are only letters and digits, so none reads
        as an operator): terms ANDed, a phrase's words adjacent (<->), alternatives ORed."""
        return " & ".join(
            "(" + " | ".join(" <-> ".join(words) for words in self.alternatives(term)) + ")"
            for term in self.terms
        )

    def fts5(self) -> str:
        """For SQLite's FTS5 MATCH: each word or phrase a quoted string; terms ANDed,
        alternatives ORed."""
        return " AND ".join(
            "(" + " OR ".join(f'"{" ".join(words)}"' for words in self.alternatives(term)) + ")"
            for term in self.terms
        )


def document(article) -> tuple[str, str, str, str]:
    """The texts a story is found by: headline; standfirst; its topics, areas and authors;
    the body's words (rich text stripped)."""
    labels = [tag.name for tag in article.topics.all()]
    labels += [force.name for force in article.areas.all()]
    labels += [credit.author.name for credit in article.article_authors.all()]
    body = article.body.stream_block.get_searchable_content(article.body)
    return article.title, article.standfirst, " ".join(labels), " ".join(filter(None, body))


def index_article(article) -> None:
    """Write the story's search document (one statement on PostgreSQL, two on SQLite).
    Called once the story and its topics, areas and authors are saved."""
    texts = document(article)
    if connection.vendor == "postgresql":
        type(article).objects.filter(pk=article.pk).update(search_vector=vector_of(texts))
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [article.pk])
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, {', '.join(SQLITE_COLUMNS)}) "
                "VALUES (%s, %s, %s, %s, %s)",
                [article.pk, *texts],
            )


def remove_article(pk) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [pk])


def vector_of(texts):
    parts = [
        SearchVector(Value(text), config=CONFIG, weight=weight)
        for text, weight in zip(texts, WEIGHTS, strict=True)
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector += part
    return vector


def matching(queryset, query: ParsedQuery):
    """`queryset` narrowed to stories matching every word and phrase of `query`, best first
    (headline matches before the rest), each with `headline_html` and `standfirst_html`
    marking the matched words."""
    if connection.vendor == "postgresql":
        return _postgresql(queryset, query)
    return _sqlite(queryset, query)


def _postgresql(queryset, query):
    tsquery = SearchQuery(query.tsquery(), config=CONFIG, search_type="raw")
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
    headline_only = SearchRank(F("search_vector"), tsquery, weights=[0, 0, 0, 1])
    return (
        queryset.filter(search_vector=tsquery)
        .annotate(
            in_headline=headline_only,
            rank=SearchRank(F("search_vector"), tsquery),
            marked_title=_headline('"wagtailcore_page"."title"', query, options),
            marked_standfirst=_headline('"articles_articlepage"."standfirst"', query, options),
        )
        .order_by("-in_headline", "-rank", "-listed_at", "-pk")
    )


def _headline(column, query, options):
    return RawSQL(
        f"ts_headline(%s, {column}, to_tsquery(%s, %s), %s)",
        [CONFIG, CONFIG, query.tsquery(), options],
        output_field=TextField(),
    )


def _sqlite(queryset, query):
    weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
    source = f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s"

    def column(sql):
        return RawSQL(
            f"SELECT {sql} FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s "
            f"AND rowid = articles_articlepage.page_ptr_id",
            [query.fts5()],
        )

    return (
        queryset.filter(pk__in=RawSQL(source, [query.fts5()]))
        .annotate(
            rank=column(f"-bm25({SQLITE_TABLE}, {weights})"),
            marked_title=column(f"highlight({SQLITE_TABLE}, 0, '{MARK_START}', '{MARK_END}')"),
            marked_standfirst=column(f"highlight({SQLITE_TABLE}, 1, '{MARK_START}', '{MARK_END}')"),
        )
        .order_by("-rank", "-listed_at", "-pk")
    )


def marked(text: str | None, fallback: str) -> str:
    """Database-marked text as safe HTML with <mark> around matched words."""
    if not text or MARK_START not in text:
        return escape(fallback)
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own tags are added)
