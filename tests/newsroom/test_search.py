"""Search: published stories only, headline matches first, calm answers to any query."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from articles import fulltext
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(html):
    return [a.get_text() for a in html.select(".card__title a")]


def publish(story, **changes):
    """Publish through a revision, as an editor does: topics and authors get indexed too."""
    for name, value in changes.items():
        setattr(story, name, value)
    story.save_revision().publish()
    return story


def test_finds_stories_by_headline_standfirst_body_author_and_topic(client, news_index):
    story = ArticlePageFactory(
        parent=news_index,
        title="Offences recorded",
        standfirst="Wiltshire figures fall.",
        authors=[AuthorFactory(name="Faye Tryhorn")],
    )
    story.topics.add("safeguarding")
    publish(story, body=[("paragraph", "<p>The NSPCC gathered the numbers.</p>")])
    ArticlePageFactory(parent=news_index, title="Library hours")
    for query in ["offences", "wiltshire", "nspcc", "tryhorn", "safeguarding"]:
        assert titles(search(client, query)) == ["Offences recorded"], query


def test_headline_matches_come_first(client, news_index):
    body = "<p>" + "Hampshire police figures. " * 30 + "</p>"
    publish(
        ArticlePageFactory(parent=news_index, title="Budget round-up"), body=[("paragraph", body)]
    )
    ArticlePageFactory(parent=news_index, title="Hampshire offences rise")
    assert titles(search(client, "hampshire")) == ["Hampshire offences rise", "Budget round-up"]


def test_wiltshire_headline_then_standfirst_then_body_whatever_the_counts(
    client, news_index, wiltshire
):
    """The case from the newsroom: a newer story naming Wiltshire all through its standfirst,
    area and body came above the one with Wiltshire in its headline."""
    many = "<p>" + "Wiltshire schools and Wiltshire police. " * 20 + "</p>"
    headline = ArticlePageFactory(
        parent=news_index,
        title="Online offences recorded in Wiltshire and Hampshire",
        standfirst="Figures from two forces.",
        publish_date=datetime.date(2020, 9, 1),
    )
    body_only = ArticlePageFactory(
        parent=news_index,
        title="Police recruit more officers",
        standfirst="A national drive.",
        publish_date=datetime.date(2020, 9, 2),
    )
    standfirst = ArticlePageFactory(
        parent=news_index,
        title="Schools asked to share advice on staying safe online",
        standfirst="Wiltshire's schools are asked to pass on the advice.",
        areas=[wiltshire],
        publish_date=datetime.date(2020, 9, 3),
    )
    publish(body_only, body=[("paragraph", many)])
    publish(standfirst, body=[("paragraph", many)])
    assert titles(search(client, "wiltshire")) == [
        headline.title,
        standfirst.title,
        body_only.title,
    ]
    # Several words: the headline tier needs them all in the headline.
    assert titles(search(client, "wiltshire online")) == [headline.title, standfirst.title]


def test_drafts_and_private_stories_never_appear(client, news_index):
    ArticlePageFactory(parent=news_index, title="Council draft", live=False)
    private = ArticlePageFactory(parent=news_index, title="Council private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    ArticlePageFactory(parent=news_index, title="Council public")
    assert titles(search(client, "council")) == ["Council public"]


def test_results_are_paginated_and_keep_the_query(client, news_index):
    for day in range(1, 23):
        ArticlePageFactory(
            parent=news_index, title=f"Bus story {day}", publish_date=datetime.date(2020, 1, day)
        )
    first = search(client, "bus")
    assert len(titles(first)) == 20
    assert first.select_one(".search__count").get_text(strip=True).startswith("22 stories match")
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=bus&page=2"
    second = search(client, "bus", page=2)
    assert len(titles(second)) == 2
    assert client.get("/search/", {"q": "bus", "page": 3}).status_code == 404


def test_a_word_in_most_stories_ranks_only_the_newest_matches(client, news_index, monkeypatch):
    monkeypatch.setattr(fulltext, "CANDIDATES", 3)
    ArticlePageFactory(
        parent=news_index, title="Ferry timetable", publish_date=datetime.date(2020, 1, 1)
    )
    for day in range(2, 6):
        ArticlePageFactory(
            parent=news_index,
            title=f"Harbour news {day}",
            standfirst="The ferry sails.",
            publish_date=datetime.date(2020, 1, day),
        )
    html = search(client, "ferry")
    assert titles(html) == ["Harbour news 5", "Harbour news 4", "Harbour news 3"]
    assert html.select_one(".search__count").get_text(" ", strip=True) == (
        "The newest 3 stories that match “ferry”, best matches first. "
        "Add a word to find older ones."
    )
    assert titles(search(client, "ferry timetable")) == ["Ferry timetable"]


def test_query_is_echoed_escaped_in_the_box_and_the_message(client, news_index):
    html = search(client, "<script>alert(1)</script>")
    assert html.find("script", string="alert(1)") is None
    assert html.select_one("#search-page-q")["value"] == "<script>alert(1)</script>"
    assert len(html.select("input[type=search]")) == 1  # one search box on the search page
    assert "“<script>alert(1)</script>”" in html.select_one(".search__count").get_text()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("!!! ??? ...", "no letters or numbers"),
        ("'; DROP TABLE wagtailcore_page; --", "No stories match"),
        ('" OR 1=1 --', "No stories match"),
        ('title:crime AND (NOT body:x) OR "unclosed', "No stories match"),
        ("<b>bold</b> & <i>", "No stories match"),
        ("x" * 10_000, "first 200 characters"),
        ("word " * 2_000, "first 200 characters"),
    ],
)
def test_absurd_queries_get_a_calm_answer(client, news_index, query, message):
    # An author of its own: a generated name ("Reporter 1") would match the query's "1".
    author = AuthorFactory(name="Sam Jones", slug="sam-jones")
    ArticlePageFactory(parent=news_index, title="Something else entirely", authors=[author])
    html = search(client, query)
    assert message in html.select_one(".search__status").get_text()
    assert len(html.select_one("#search-page-q")["value"]) <= 200


def test_search_queries_do_not_grow_with_results(client, news_index):
    def count():
        with CaptureQueriesContext(connection) as queries:
            search(client, "story")
        return len(queries)

    ArticlePageFactory.create_batch(2, parent=news_index, authors=[AuthorFactory()])
    count()  # site-wide lookups are cached by the first search
    few = count()
    ArticlePageFactory.create_batch(10, parent=news_index, authors=[AuthorFactory()])
    count()  # the count of matches is cached again
    assert count() == few
