"""The plans PostgreSQL chooses for the reader queries that must not grow with the archive:
on 3,000 generated stories with fresh statistics, none reads the whole story table."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.models import STORY_IDS_PER_SITEMAP, ArticlePage
from articles.related import related_stories
from benchmarks.stories import generate
from newsroom import story_sitemaps

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


def test_the_sites_connections_never_jit_compile():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
