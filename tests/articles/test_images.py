"""Images reach readers as renditions: WebP with a JPEG fallback, sized, lazy below the fold."""

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def picture_story(news_index, **fields):
    image = Image.objects.create(title="Picture", file=get_test_image_file(size=(1600, 900)))
    return ArticlePageFactory(
        parent=news_index,
        hero_image=image,
        hero_alt_text="A chart.",
        hero_caption="The chart.",
        hero_credit="Newsroom",
        **fields,
    )


def assert_responsive(picture):
    source = picture.find("source")
    assert source["type"] == "image/webp"
    assert ".webp " in source["srcset"]
    img = picture.find("img")
    assert img["src"].endswith(".jpg")
    assert len(img["srcset"].split(",")) >= 2
    assert img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_story_hero_is_responsive_eager_with_alt_caption_and_credit(client, news_index):
    story = picture_story(news_index)
    figure = BeautifulSoup(client.get(story.url).content, "html.parser").select_one(".story__hero")
    assert_responsive(figure.picture)
    img = figure.picture.img
    assert img["alt"] == "A chart."
    assert "loading" not in img.attrs
    assert figure.figcaption.get_text(" ", strip=True) == "The chart. Newsroom"
    assert figure.select_one(".credit").get_text() == "Newsroom"


def test_listing_thumbnails_are_lazy_except_the_lead(client, news_index):
    for _ in range(3):
        picture_story(news_index)
    html = BeautifulSoup(client.get("/").content, "html.parser")
    lead = html.select_one(".card--lead picture")
    assert_responsive(lead)
    assert "loading" not in lead.img.attrs
    others = html.select(".card:not(.card--lead) picture")
    assert others
    for picture in others:
        assert_responsive(picture)
        assert picture.img["loading"] == "lazy"
        assert picture.img["alt"] == ""  # the headline beside it says what the card is
