"""Topic, area and author pages, and the home page's area sections."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePageAuthor
from images.models import Picture
from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in parse(response).select(".card__title a")]


def test_topic_page_lists_only_published_stories_with_that_topic(client, news_index):
    ArticlePageFactory(parent=news_index, title="Crime story", topics=["crime"])
    ArticlePageFactory(parent=news_index, title="Transport story", topics=["transport"])
    ArticlePageFactory(parent=news_index, title="Crime draft", topics=["crime"], live=False)
    response = client.get("/news/topic/crime/")
    assert response.status_code == 200
    assert titles(response) == ["Crime story"]
    assert parse(response).h1.get_text(strip=True) == "Topic: crime"


def test_topic_with_spaces_is_reached_by_its_slug(client, news_index):
    ArticlePageFactory(parent=news_index, title="Safety story", topics=["child safety"])
    assert titles(client.get("/news/topic/child-safety/")) == ["Safety story"]


def test_area_page_lists_stories_covering_that_force(client, news_index, wiltshire):
    hampshire = PoliceForce.objects.get(slug="hampshire")
    ArticlePageFactory(parent=news_index, title="Wiltshire story", areas=[wiltshire])
    ArticlePageFactory(parent=news_index, title="Hampshire story", areas=[hampshire])
    response = client.get("/news/area/wiltshire/")
    assert response.status_code == 200
    assert titles(response) == ["Wiltshire story"]
    assert parse(response).h1.get_text(strip=True) == "Area: Wiltshire"


@pytest.mark.parametrize(
    "url", ["/news/topic/no-such-topic/", "/news/area/atlantis/", "/news/topic/crime/?page=9"]
)
def test_unknown_topic_area_or_page_is_a_404(client, news_index, url):
    ArticlePageFactory(parent=news_index, topics=["crime"])
    response = client.get(url)
    assert response.status_code == 404
    assert parse(response).h1.get_text() == "Page not found"


def test_listing_card_shows_headline_standfirst_byline_date_and_thumbnail(client, news_index):
    image = Picture.objects.create(title="Picture", file=get_test_image_file())
    ArticlePageFactory(
        parent=news_index,
        title="Card story",
        standfirst="What the card says.",
        publish_date=datetime.date(2020, 9, 3),
        authors=[AuthorFactory(name="Faye Tryhorn")],
        hero_image=image,
        hero_alt_text="A picture.",
        topics=["crime"],
    )
    for url in ["/news/", "/news/topic/crime/", "/authors/faye-tryhorn/"]:
        card = parse(client.get(url)).select_one(".card")
        assert card.select_one(".card__title a").get_text() == "Card story", url
        assert card.select_one(".card__standfirst").get_text() == "What the card says."
        assert card.select_one(".byline a").get_text() == "Faye Tryhorn"
        assert card.select_one(".byline time")["datetime"] == "2020-09-03"
        assert card.select_one("picture img")["src"].startswith("/media/images/")


def test_story_links_to_its_topic_and_area_pages(client, news_index, wiltshire):
    story = ArticlePageFactory(parent=news_index, topics=["crime"], areas=[wiltshire])
    html = parse(client.get(story.url))
    assert [a["href"] for a in html.select(".story__topics a")] == ["/news/topic/crime/"]
    assert [a["href"] for a in html.select(".story__areas a")] == ["/news/area/wiltshire/"]


def test_home_has_a_section_per_area_with_stories_not_shown_above(client, news_index, wiltshire):
    hampshire = PoliceForce.objects.get(slug="hampshire")
    day = datetime.date(2020, 9, 1)
    ArticlePageFactory(
        parent=news_index, title="Older, in Wiltshire", areas=[wiltshire], publish_date=day
    )
    ArticlePageFactory(
        parent=news_index,
        title="Older, in both",
        areas=[wiltshire, hampshire],
        publish_date=day + datetime.timedelta(days=1),
    )
    for number in range(11):  # the lead and the ten latest
        ArticlePageFactory(
            parent=news_index,
            title=f"Newer {number}",
            areas=[wiltshire, hampshire],
            publish_date=day + datetime.timedelta(days=2 + number),
        )
    html = parse(client.get("/"))
    sections = [
        (
            section.h2.get_text(strip=True),
            section.h2.a["href"],
            [a.get_text() for a in section.select(".card__title a")],
        )
        for section in html.select("section.home-area")
    ]
    assert sections == [
        ("Hampshire", "/news/area/hampshire/", ["Older, in both"]),
        ("Wiltshire", "/news/area/wiltshire/", ["Older, in Wiltshire"]),
    ]
    every_card = [a["href"] for a in html.select(".card__title a")]
    assert len(every_card) == len(set(every_card)) == 13


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/", "/news/", "/news/topic/crime/", "/news/area/wiltshire/", "/authors/faye/"]
)
def test_listing_queries_do_not_grow_with_stories(client, news_index, wiltshire, url):
    author = AuthorFactory(name="Faye", slug="faye")

    def add_stories(count):
        for _ in range(count):
            image = Picture.objects.create(title="Picture", file=get_test_image_file())
            ArticlePageFactory(
                parent=news_index,
                authors=[author, AuthorFactory()],
                topics=["crime"],
                areas=[wiltshire],
                hero_image=image,
                hero_alt_text="A picture.",
            )

    add_stories(2)
    count_queries(client, url)  # renditions are made on the first view
    few = count_queries(client, url)
    add_stories(12)
    count_queries(client, url)
    assert count_queries(client, url) == few


def listing_titles(client):
    """What the topic "crime", the area Wiltshire and the author Faye each list."""
    return [
        titles(client.get(path))
        for path in ("/news/topic/crime/", "/news/area/wiltshire/", "/authors/faye/")
    ]


def test_topic_area_and_author_pages_follow_what_each_publish_says(client, news_index, wiltshire):
    """The three listings are kept in their own table (`articles.listed_stories`): a new
    version of a story moves it between them, unpublishing or deleting it takes it out."""
    faye = AuthorFactory(name="Faye", slug="faye")
    older = ArticlePageFactory(
        parent=news_index, title="Older", authors=[faye], topics=["crime"], areas=[wiltshire]
    )
    story = ArticlePageFactory(
        parent=news_index, title="Moving", authors=[faye], topics=["crime"], areas=[wiltshire]
    )
    assert listing_titles(client) == [["Moving", "Older"]] * 3

    story.topics.set(["transport"])
    story.areas = [PoliceForce.objects.get(slug="hampshire")]
    story.article_authors = [ArticlePageAuthor(author=AuthorFactory(name="Sam", slug="sam"))]
    story.save_revision().publish()
    assert listing_titles(client) == [["Older"]] * 3
    assert titles(client.get("/news/topic/transport/")) == ["Moving"]
    assert titles(client.get("/news/area/hampshire/")) == ["Moving"]
    assert titles(client.get("/authors/sam/")) == ["Moving"]

    older.save_revision().publish()  # a new version keeps its place and its date
    assert listing_titles(client) == [["Older"]] * 3
    older.unpublish()
    assert listing_titles(client) == [[]] * 3
    story.delete()
    assert titles(client.get("/authors/sam/")) == []


def test_a_story_in_a_private_section_is_not_listed(client, news_index, wiltshire):
    faye = AuthorFactory(name="Faye", slug="faye")
    ArticlePageFactory(
        parent=news_index, title="Public", authors=[faye], topics=["crime"], areas=[wiltshire]
    )
    private = ArticlePageFactory(
        parent=news_index, title="Private", authors=[faye], topics=["crime"], areas=[wiltshire]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert listing_titles(client) == [["Public"]] * 3
    assert "1 story" in parse(client.get("/news/area/")).get_text(" ", strip=True)
