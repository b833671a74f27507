"""The statistics stylesheet is sent only with pages that show figures; the first large
picture of a page is fetched first."""

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory
from tests.statistics.streams import comparison

pytestmark = pytest.mark.django_db

STYLESHEET = "statistics/statistics.css"


def stylesheets(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="stylesheet")]


def test_data_pages_and_stories_with_figures_load_it(
    client, story_with_blocks, offences, wiltshire
):
    with_figures = story_with_blocks(comparison(offences, wiltshire))
    for url in (with_figures.url, "/statistics/", offences.get_absolute_url()):
        assert any(STYLESHEET in href for href in stylesheets(client, url)), url


def test_pages_without_figures_do_not(client, news_index):
    plain = ArticlePageFactory(parent=news_index)
    for url in (plain.url, "/", "/news/"):
        assert not any(STYLESHEET in href for href in stylesheets(client, url)), url


def test_the_home_pages_lead_picture_is_fetched_first(client, news_index):
    image = get_image_model().objects.create(title="Lead", file=get_test_image_file())
    ArticlePageFactory(parent=news_index, hero_image=image, hero_alt_text="A lead picture")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    first = soup.find("img")
    assert first["fetchpriority"] == "high"
