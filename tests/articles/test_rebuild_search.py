"""`manage.py rebuild_search` writes every story's search document again (after an upgrade,
migrations leave them unwritten): readers find stories by headline, topic, area, author and
body; running it twice changes nothing; its cost does not grow with the number of stories."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from articles import fulltext
from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get("/search/", {"q": query})
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select(".card__title a")]


def forget_documents():
    """What a database upgraded by `migrate` has: stories without search documents."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {fulltext.SQLITE_TABLE}")
        else:
            cursor.execute("UPDATE articles_articlepage SET search_vector = NULL")


def stories(news_index, wiltshire, count, start=0):
    body = [
        {"type": "paragraph", "value": "<p>Residents described the <b>kestrels</b>.</p>"},
        {"type": "related_articles", "value": {"heading": "", "articles": []}},
    ]
    return [
        ArticlePageFactory(
            parent=news_index,
            title=f"Burglaries fall in town {number}",
            authors=[AuthorFactory(name=f"Reporter Quillfeather {number}")],
            topics=["poaching"],
            areas=[wiltshire],
            body=ArticleBodyBlock().to_python(body),
        )
        for number in range(start, start + count)
    ]


def rebuild(*args):
    out = StringIO()
    call_command("rebuild_search", *args, stdout=out)
    return out.getvalue()


def test_readers_find_stories_again_by_every_part_of_their_document(client, news_index, wiltshire):
    stories(news_index, wiltshire, 3)
    forget_documents()
    assert found(client, "burglaries") == []

    out = rebuild("--batch-size", "2")

    assert "2 of 3 stories" in out and "3 of 3 stories" in out
    headlines = {f"Burglaries fall in town {n}" for n in range(3)}
    for query in ("burglary", "poaching", "Wiltshire", "Quillfeather", "kestrel"):
        assert set(found(client, query)) == headlines, query
    assert found(client, '"town 1"') == ["Burglaries fall in town 1"]


def test_running_it_again_changes_nothing(client, news_index, wiltshire):
    stories(news_index, wiltshire, 2)
    rebuild()
    rebuild()
    assert len(found(client, "burglaries")) == 2
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {fulltext.SQLITE_TABLE}")
            assert cursor.fetchone()[0] == 2


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_documents_of_stories_no_longer_there_are_dropped(client, news_index, wiltshire):
    [kept] = stories(news_index, wiltshire, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {fulltext.SQLITE_TABLE} (rowid, title) VALUES (%s, 'Gone')", [kept.pk + 1]
        )
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {fulltext.SQLITE_TABLE}")
        assert [row[0] for row in cursor.fetchall()] == [kept.pk]


def test_a_batch_costs_the_same_queries_whatever_its_size(news_index, wiltshire):
    stories(news_index, wiltshire, 2)
    with CaptureQueriesContext(connection) as few:
        rebuild()
    stories(news_index, wiltshire, 8, start=2)
    with CaptureQueriesContext(connection) as many:
        rebuild()
    assert len(many) == len(few)
