"""Search that understands English: stems, phrases, marked matches, a suggestion for a
misspelt force name, editors' picks; and on PostgreSQL, the indexes it relies on."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(html):
    return [a.get_text() for a in html.select(".card__title a")]


@pytest.mark.parametrize(
    ("query", "headline"),
    [
        ("offence", "Online offences recorded"),
        ("offences", "Online offence recorded"),
        ("children", "Helpline for every child"),
        ("child", "Charity helps children"),
    ],
)
def test_words_match_their_other_forms(client, news_index, query, headline):
    ArticlePageFactory(parent=news_index, title=headline)
    ArticlePageFactory(parent=news_index, title="Library opening hours")
    assert titles(search(client, query)) == [headline]


def test_a_quoted_phrase_matches_only_those_words_together(client, news_index):
    ArticlePageFactory(parent=news_index, title="Flood defences approved")
    ArticlePageFactory(parent=news_index, title="Defences against a flood of complaints")
    assert titles(search(client, '"flood defences"')) == ["Flood defences approved"]
    assert len(titles(search(client, "flood defences"))) == 2


def test_matched_words_are_marked_and_the_rest_escaped(client, news_index):
    ArticlePageFactory(
        parent=news_index,
        title="Offences <b>rise</b> in Wiltshire",
        standfirst="Recorded offences rose & fell.",
    )
    html = search(client, "offence")
    title = html.select_one(".card__title a")
    assert [mark.get_text() for mark in title.find_all("mark")] == ["Offences"]
    assert title.find("b") is None and "<b>rise</b>" in title.get_text()
    standfirst = html.select_one(".card__standfirst")
    assert [mark.get_text() for mark in standfirst.find_all("mark")] == ["offences"]
    assert standfirst.get_text() == "Recorded offences rose & fell."


def test_a_misspelt_force_name_gets_a_suggestion(client, news_index):
    ArticlePageFactory(parent=news_index, title="Wiltshire figures")
    html = search(client, "wiltsire figures")
    suggestion = html.select_one(".search__suggestion a")
    assert suggestion.get_text() == "wiltshire figures"
    assert suggestion["href"] == "?q=wiltshire%20figures"
    assert search(client, "wiltshire figures").select_one(".search__suggestion") is None


def test_editors_picks_come_first(client, news_index):
    pick = ArticlePageFactory(parent=news_index, title="How to report abuse")
    query = Query.objects.create(query_string="report")
    SearchPromotion.objects.create(query=query, page=pick, description="Numbers to call.")
    html = search(client, "Report")
    picks = html.select(".search__picks li")
    assert [li.a.get_text() for li in picks] == ["How to report abuse"]
    assert "Numbers to call." in picks[0].get_text()


@pytest.fixture
def postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the indexes are PostgreSQL's")
    return connection


def explain(connection, queryset, *, avoid=("seqscan",)):
    """The plan PostgreSQL would choose for a big table: a test table holds a few rows, so
    plans it would pick only for those (a scan of every row) are ruled out."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Statistics left by earlier tests' committed rows would steer the plan: read afresh.
        cursor.execute("ANALYZE articles_articlepage, wagtailcore_page")
        for method in avoid:
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_listings_page_through_the_listing_index(postgresql, news_index):
    ArticlePageFactory(parent=news_index)
    ids = ArticlePage.objects.listed().newest_first().values_list("pk", flat=True)[40:60]
    plan = explain(postgresql, ids, avoid=("seqscan", "bitmapscan"))
    assert "article_listing_order" in plan
    assert "Sort" not in plan
