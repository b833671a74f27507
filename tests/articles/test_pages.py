import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest
from bs4 import BeautifulSoup

from articles.blocks import QuoteBlock
from articles.models import ArticleIndexPage, ArticlePage
from newsroom.models import HomePage
from tests.factories import ArticlePageFactory, AuthorFactory


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


class TestPageTree(WagtailPageTestCase):
    def test_home_sits_at_the_root_and_holds_the_news_index(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ArticleIndexPage})

    def test_articles_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)


@pytest.mark.django_db
def test_article_shows_headline_standfirst_byline_and_date(client, news_index):
    author = AuthorFactory(name="Faye Tryhorn")
    story = ArticlePageFactory(
        parent=news_index,
        title="Figures released",
        standfirst="Forces have released their figures.",
        publish_date=datetime.date(2020, 9, 3),
        authors=[author],
    )
    response = client.get(story.url)
    assert response.status_code == 200
    html = parse(response)
    assert html.h1.get_text(strip=True) == "Figures released"
    assert "Forces have released their figures." in html.select_one(".story__standfirst").text
    byline = html.select_one(".byline a")
    assert (byline.text, byline["href"]) == ("Faye Tryhorn", "/authors/faye-tryhorn/")
    date = html.select_one(".byline time")
    assert (date["datetime"], date.text) == ("2020-09-03", "3 September 2020")


@pytest.mark.django_db
def test_publish_date_defaults_to_first_publication(news_index):
    story = ArticlePageFactory(parent=news_index, publish_date=None, live=False)
    assert story.publish_date is None
    story.save_revision().publish()
    story.refresh_from_db()
    # The site's day (Europe/London), not the machine's: they differ from 23:00 to 24:00 UTC
    # in summer.
    assert story.publish_date == timezone.localdate(story.first_published_at)


@pytest.mark.django_db
def test_quote_block_credits_the_speaker(client, news_index):
    story = ArticlePageFactory(parent=news_index)
    story.body = [
        (
            "quote",
            {
                "text": "We look into every report.",
                "speaker": "Ben Mant",
                "role": "Detective Superintendent",
                "organisation": "Wiltshire Police",
                "paraphrase": False,
            },
        )
    ]
    story.save_revision().publish()
    html = parse(client.get(story.url))
    quote = html.select_one("figure.quote")
    assert quote.blockquote.get_text(strip=True) == "We look into every report."
    assert quote.figcaption.get_text() == "Ben Mant, Detective Superintendent, Wiltshire Police"


@pytest.mark.django_db
def test_author_page_lists_only_their_published_stories(client, news_index):
    author = AuthorFactory(name="Faye Tryhorn")
    ArticlePageFactory(parent=news_index, title="Hers", authors=[author])
    ArticlePageFactory(parent=news_index, title="Someone else's")
    ArticlePageFactory(parent=news_index, title="Her draft", authors=[author], live=False)
    response = client.get("/authors/faye-tryhorn/")
    assert response.status_code == 200
    titles = [a.text for a in parse(response).select(".card__title a")]
    assert titles == ["Hers"]
    assert client.get("/authors/nobody/").status_code == 404


@pytest.mark.django_db
def test_news_index_is_paginated_newest_first(client, news_index):
    for day in range(1, 23):
        ArticlePageFactory(
            parent=news_index, title=f"Day {day}", publish_date=datetime.date(2020, 1, day)
        )
    first = parse(client.get("/news/"))
    titles = [a.text for a in first.select(".card__title a")]
    assert len(titles) == 20
    assert titles[:2] == ["Day 22", "Day 21"]
    second = client.get("/news/?page=2")
    assert second.status_code == 200
    assert [a.text for a in parse(second).select(".card__title a")] == ["Day 2", "Day 1"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["999", "abc", "0", "-1", "1.5"])
def test_bad_page_numbers_answer_a_styled_404(client, news_index, page):
    ArticlePageFactory(parent=news_index)
    response = client.get(f"/news/?page={page}")
    assert response.status_code == 404
    assert parse(response).h1.text == "Page not found"


@pytest.mark.django_db
def test_unknown_url_answers_the_styled_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = parse(response)
    assert html.h1.text == "Page not found"
    assert html.find("a", class_="skip-link")


@pytest.mark.django_db
def test_home_leads_with_the_newest_story(client, news_index):
    ArticlePageFactory(parent=news_index, title="Older", publish_date=datetime.date(2020, 1, 1))
    ArticlePageFactory(parent=news_index, title="Newest", publish_date=datetime.date(2020, 2, 1))
    html = parse(client.get("/"))
    assert html.select_one(".card--lead .card__title").get_text(strip=True) == "Newest"


@pytest.mark.django_db
def test_news_listing_queries_do_not_grow_with_stories(client, news_index):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/news/").status_code == 200
        return len(queries)

    ArticlePageFactory.create_batch(2, parent=news_index)
    count_queries()  # the first view caches site-wide lookups
    few = count_queries()
    ArticlePageFactory.create_batch(15, parent=news_index)
    count_queries()  # the listing's count is cached again
    assert count_queries() == few


@pytest.mark.django_db
def test_the_byline_names_every_author_as_readers_say_them(client, news_index):
    names = ["Faye Tryhorn", "Ann Other", "Sam O'Brien & Co"]
    story = ArticlePageFactory(
        parent=news_index, authors=[AuthorFactory(name=name) for name in names]
    )
    byline = parse(client.get(story.url)).select_one(".byline")
    assert " ".join(byline.get_text().split()).startswith(
        "By Faye Tryhorn, Ann Other and Sam O'Brien & Co"
    )
    assert [a.text for a in byline.select("a")] == names


@pytest.mark.parametrize(
    ("role", "organisation", "credentials"),
    [
        (
            "Detective Superintendent",
            "Wiltshire Police",
            "Detective Superintendent, Wiltshire Police",
        ),
        ("", "Wiltshire Police", "Wiltshire Police"),
        ("Survivor", "", "Survivor"),
        ("", "", ""),
    ],
)
def test_a_quotes_credentials_join_what_is_given(role, organisation, credentials):
    value = QuoteBlock().to_python(
        {"text": "Words.", "speaker": "Ben Mant", "role": role, "organisation": organisation}
    )
    assert value.credentials == credentials
