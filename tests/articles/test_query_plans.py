"""The plans PostgreSQL chooses for the reader queries that must not grow with the archive:
on 3,000 generated stories with fresh statistics, none reads the whole story table."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.models import ArticlePage
from articles.related import related_stories
from benchmarks.stories import generate

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


def test_the_sites_connections_never_jit_compile():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
