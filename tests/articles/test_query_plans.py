"""The plans PostgreSQL chooses for the reader queries that must not grow with the archive:
on 3,000 generated stories with fresh statistics, none reads the whole story table."""

import random

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag

import pytest

from articles.fulltext import ParsedQuery
from articles.models import STORY_IDS_PER_SITEMAP, ArticlePage, Author, ListedStory
from articles.related import related_stories
from benchmarks.stories import RARE_WORD, Words, generate
from newsroom import story_sitemaps
from newsroom.search import search_articles
from statistics.models import PoliceForce

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


@pytest.fixture
def archive(news_index):
    generate(3000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plans_of(run) -> list[str]:
    """EXPLAIN of every query `run` makes."""
    with CaptureQueriesContext(connection) as queries:
        run()
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute("EXPLAIN " + query["sql"])
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_related_stories_walk_the_listing_index_not_the_story_table(archive):
    story = ArticlePage.objects.listed().order_by("listed_at")[1500]
    story = ArticlePage.objects.prefetch_related("areas", "tagged_items__tag").get(pk=story.pk)
    plans = plans_of(lambda: related_stories(story))
    assert plans, "related stories ran no query"
    for plan in plans:
        assert "Seq Scan on articles_articlepage " not in plan + " ", plan


def story_rows_read(run) -> int:
    """How many rows of the story table the queries of `run` read (EXPLAIN ANALYZE: the rows
    each scan returned or filtered out, times its loops)."""
    with CaptureQueriesContext(connection) as queries:
        run()
    total = 0
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                nodes = [cursor.fetchone()[0][0]["Plan"]]
                while nodes:
                    node = nodes.pop()
                    nodes += node.get("Plans", [])
                    if node.get("Relation Name") == "articles_articlepage":
                        rows = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
                        total += rows * node["Actual Loops"]
    return total


def test_the_sitemap_index_reads_a_few_stories_per_sitemap_not_the_archive(archive, client):
    """Each stories' sitemap's latest change is read from the top of an index, not from its
    stories (a grouped query reads all 3,000)."""
    assert ArticlePage.objects.listed().count() >= 3000
    assert story_rows_read(lambda: client.get("/sitemap.xml")) < 300


def test_a_stories_sitemap_reads_only_its_own_stories(archive, client):
    story = ArticlePage.objects.listed().order_by("listed_at")[1500]
    path = story_sitemaps.path(story_sitemaps.part_of(story.pk))
    assert story_rows_read(lambda: client.get(path)) <= STORY_IDS_PER_SITEMAP


def search_plans(text) -> list[str]:
    """The plans of the queries a search reads stories' search documents with (its count
    and its first page)."""

    def run():
        ids = search_articles(ParsedQuery.parse(text))
        ids.count()
        ids[0:20]

    return [plan for plan in plans_of(run) if "search_vector" in plan]


def matching(tsquery) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_articlepage "
            "WHERE search_vector @@ to_tsquery('english', %s)",
            [tsquery],
        )
        return cursor.fetchone()[0]


def test_a_phrase_of_common_words_is_looked_up_not_walked(archive):
    """Two of the generator's commonest words, found side by side in few stories: the
    planner takes the phrase for its words (most stories) and walked the listing index
    through every story, testing each document (628 ms at 100,000 stories)."""
    words = Words(random.Random(2026)).words
    first, second = words[16], words[18]
    assert matching(f"{first} & {second}") > 1500
    assert matching(f"{first} <-> {second}") < 150
    plans = search_plans(f'"{first} {second}"')
    assert plans
    for plan in plans:
        assert "Index Scan Backward using article_listing_order" not in plan, plan
        assert "Seq Scan on articles_articlepage" not in plan, plan
        assert "Bitmap Index Scan on article_search_pairs" in plan, plan


@pytest.mark.parametrize("text", [RARE_WORD, "{} {}"])
def test_words_are_read_from_the_gin_index(archive, text):
    words = Words(random.Random(2026)).words
    plans = search_plans(text.format(words[150], words[200]))
    assert plans
    for plan in plans:
        assert "Bitmap Index Scan on article_search_vector" in plan, plan
        assert "Index Scan Backward using article_listing_order" not in plan, plan
        assert "Seq Scan on articles_articlepage" not in plan, plan


def test_a_word_in_most_stories_reads_only_the_newest_window(archive):
    """ "police" is in most stories: its newest 1,000 matches are all among the newest
    2,000 stories, and the search reads those alone, not the table (ruled out, as the
    planner would for 100,000 stories, where 2,000 are 2%)."""
    assert matching("police") > 2000
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plans = search_plans("police")
    assert len(plans) == 1
    assert "(listed_at >= '" in plans[0], plans[0]


def test_search_documents_are_kept_in_their_rows():
    """Ranking 1,000 candidates reads 1,000 documents: in the row, not in the TOAST table
    (migration 0016)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'articles_articlepage'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"


def test_the_sites_connections_never_jit_compile():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize("kind", ["topic", "area", "author"])
def test_topic_area_and_author_pages_read_one_index_not_the_story_table(archive, client, kind):
    """A listing's count and a deep page of it come from `listed_story_order` alone; the
    story table is read only for the page's own 20 stories."""
    rows = ListedStory.objects.filter(kind=kind).values("key").annotate(n=Count("pk"))
    busiest = rows.order_by("-n").first()
    path = {
        "topic": lambda key: f"/news/topic/{Tag.objects.get(pk=key).slug}/",
        "area": lambda key: f"/news/area/{PoliceForce.objects.get(pk=key).slug}/",
        "author": lambda key: Author.objects.get(pk=key).get_absolute_url(),
    }[kind](busiest["key"])
    assert busiest["n"] > 60
    deep = f"{path}?page={busiest['n'] // 20}"
    listed = [plan for plan in plans_of(lambda: client.get(deep)) if "listedstory" in plan]
    assert len(listed) == 2, listed  # the count and the page's ids
    for plan in listed:
        assert "listed_story_order" in plan, plan
        assert "articles_articlepage" not in plan, plan
    assert story_rows_read(lambda: client.get(f"{path}?page=2")) <= 20


def test_a_phrase_in_most_stories_is_not_looked_up_pair_by_pair(archive):
    """The commonest word twice over is a pair in nearly every story: offered by the pairs
    index, each story's pairs were then worked out again to confirm it (280 ms at 100,000
    stories). Such a phrase is tested as a phrase, never by the pairs function."""
    word = Words(random.Random(2026)).words[0]
    assert matching(f"{word} <-> {word}") > 1500
    plans = search_plans(f'"{word} {word}"')
    assert plans
    for plan in plans:
        assert "article_word_pairs" not in plan, plan


def test_a_story_page_reads_its_own_rows_by_index(archive, client):
    """The story found by its slug, then its authors, corrections, topics and areas by its
    id: no query of the page scans a table that grows with the archive."""
    story = ArticlePage.objects.listed().order_by("listed_at")[1500]
    assert client.get(story.url).status_code == 200  # site-wide lookups cached
    plans = plans_of(lambda: client.get(story.url))
    assert len(plans) >= 5  # the story, its authors, corrections, topics and areas
    for plan in plans:
        for table in ("wagtailcore_page", "articles_articlepage", "articles_articlepagetag"):
            assert f"Seq Scan on {table} " not in plan + " ", plan
