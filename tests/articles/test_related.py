"""Stories to read next: the editor's `related_articles` block, or up to three recent
stories sharing the story's areas, then its topics, read in a query or two and then cached."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from articles.related import related_stories
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def story(news_index, title, day, **fields):
    return ArticlePageFactory(
        parent=news_index, title=title, publish_date=datetime.date(2020, 9, day), **fields
    )


def related_titles(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [a.get_text() for a in html.select(".related a")]


def test_recent_stories_sharing_areas_come_before_those_sharing_topics(
    client, news_index, wiltshire
):
    page = story(news_index, "The story", 10, areas=[wiltshire], topics=["crime"])
    story(news_index, "Same topic, newest", 20, topics=["crime"])
    story(news_index, "Same area, older", 2, areas=[wiltshire])
    story(news_index, "Same area, newer", 5, areas=[wiltshire])
    story(news_index, "Same area, oldest", 1, areas=[wiltshire])
    story(news_index, "Unrelated", 21, topics=["transport"])
    story(news_index, "Same area, a draft", 22, areas=[wiltshire], live=False)
    assert related_titles(client, page) == [
        "Same area, newer",
        "Same area, older",
        "Same area, oldest",
    ]
    lone = story(news_index, "Lone crime story", 11, topics=["crime"])
    assert related_titles(client, lone)[:2] == ["Same topic, newest", "The story"]


def test_related_stories_cost_a_query_or_two_then_none(news_index, wiltshire):
    page = story(news_index, "The story", 10, areas=[wiltshire], topics=["crime"])
    story(news_index, "Same area", 5, areas=[wiltshire])
    story(news_index, "Same topic", 4, topics=["crime"])
    page = type(page).objects.get(pk=page.pk)
    assert page.area_list and page.topic_list  # read with the page, as its view does
    with CaptureQueriesContext(connection) as first:
        assert [s["title"] for s in related_stories(page)] == ["Same area", "Same topic"]
    with CaptureQueriesContext(connection) as second:
        related_stories(page)
    # by area, then by topic as fewer than three share an area (and the listings version)
    assert len(first) <= 3
    assert len(second) == 0


def test_the_editors_choice_replaces_the_automatic_list(client, news_index, wiltshire):
    chosen = story(news_index, "Chosen by the editor", 3)
    unpublished = story(news_index, "Unpublished since", 4)
    story(news_index, "Same area", 5, areas=[wiltshire])
    body = ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {
                "type": "related_articles",
                "value": {"heading": "Read next", "articles": [chosen.pk, unpublished.pk]},
            },
        ]
    )
    page = story(news_index, "The story", 10, areas=[wiltshire], body=body)
    unpublished.unpublish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert [h.get_text() for h in html.select(".related h2")] == ["Read next"]
    assert [a.get_text() for a in html.select(".related a")] == ["Chosen by the editor"]
