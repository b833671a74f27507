"""What a story tells search engines and social networks, checked against the page itself."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticleCorrection
from images.models import Picture
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured_story(news_index):
    """A story with a hero picture, two authors and a headline that tries to end its script
    element: what the head and JSON-LD are built from."""
    image = Picture.objects.create(title="Picture", file=get_test_image_file(size=(1600, 900)))
    return ArticlePageFactory(
        parent=news_index,
        title="Figures released </script><b>",
        slug="figures-released",
        standfirst="Forces released their figures & more.",
        publish_date=datetime.date(2020, 9, 3),
        authors=[AuthorFactory(name="Faye Tryhorn"), AuthorFactory(name="Ann Other")],
        hero_image=image,
        hero_alt_text="A chart of the figures.",
        topics=["crime"],
    )


def get_html(client, pictured_story):
    response = client.get(pictured_story.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(html, **attrs):
    return html.head.find("meta", attrs=attrs)["content"]


def test_story_head_has_title_description_canonical_and_social_cards(client, pictured_story):
    html = get_html(client, pictured_story)
    assert html.title.get_text() == "Figures released </script><b> | Newsroom"
    assert meta(html, name="description") == "Forces released their figures & more."
    canonical = html.head.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver/news/figures-released/"
    assert meta(html, property="og:url") == canonical
    assert meta(html, property="og:type") == "article"
    assert meta(html, property="og:title") == pictured_story.title
    assert meta(html, property="og:description") == pictured_story.standfirst
    assert meta(html, name="twitter:card") == "summary_large_image"
    image_url = meta(html, property="og:image")
    assert image_url.startswith("http://testserver/media/images/")
    assert (meta(html, property="og:image:width"), meta(html, property="og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(html, property="og:image:alt") == "A chart of the figures."
    assert meta(html, name="twitter:image") == image_url


def test_json_ld_parses_and_matches_the_page(client, pictured_story):
    html = get_html(client, pictured_story)
    scripts = html.find_all("script", type="application/ld+json")
    assert [json.loads(s.string)["@type"] for s in scripts] == ["NewsArticle", "BreadcrumbList"]
    data = json.loads(scripts[0].string)
    assert data["headline"] == html.h1.get_text()
    assert data["description"] == html.select_one(".story__standfirst").get_text()
    assert data["url"] == html.head.find("link", rel="canonical")["href"]
    byline = [(a.get_text(), "http://testserver" + a["href"]) for a in html.select(".byline a")]
    assert [(a["name"], a["url"]) for a in data["author"]] == byline
    assert {a["@type"] for a in data["author"]} == {"Person"}
    assert data["datePublished"].startswith(html.select_one(".byline time")["datetime"])
    assert data["dateModified"] == data["datePublished"]
    assert [(i["width"], i["height"]) for i in data["image"]] == [
        (1200, 675),
        (1200, 900),
        (900, 900),
    ]
    assert all("creditText" not in image for image in data["image"])  # the picture has none
    assert data["articleSection"] == "crime"
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["logo"]["url"] == "http://testserver/static/newsroom/logo.png"


def test_json_ld_cannot_break_out_of_its_script_element(client, pictured_story):
    raw = client.get(pictured_story.url).content.decode()
    start = raw.index('<script type="application/ld+json">')
    end = raw.index("</script>", start)
    assert "Figures released \\u003C/script\\u003E\\u003Cb\\u003E" in raw[start:end]


def test_corrections_and_updates_are_shown_and_move_date_modified(client, pictured_story):
    pictured_story.last_updated = timezone.make_aware(datetime.datetime(2020, 9, 4, 10, 30))
    pictured_story.save()
    ArticleCorrection.objects.create(
        page=pictured_story, date=datetime.date(2020, 9, 6), note="The Hampshire figure was wrong."
    )
    html = get_html(client, pictured_story)
    updated = html.select_one(".story__updated time")
    assert updated.get_text() == "4 September 2020, 10:30"
    correction = html.select_one(".corrections li")
    assert correction.time["datetime"] == "2020-09-06"
    assert "The Hampshire figure was wrong." in correction.get_text()
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["dateModified"] == "2020-09-06T00:00:00+01:00"


def test_listing_pages_have_their_own_canonical_and_description(client, pictured_story):
    html = BeautifulSoup(
        client.get("/news/topic/crime/?page=1&utm_source=x").content, "html.parser"
    )
    assert html.head.find("link", rel="canonical")["href"] == "http://testserver/news/topic/crime/"
    assert meta(html, name="description") == "Stories about crime, newest first."
    assert html.title.get_text() == "Topic: crime | Newsroom"


def test_hero_image_needs_alt_text(pictured_story):
    pictured_story.hero_alt_text = " "
    with pytest.raises(ValidationError) as error:
        pictured_story.full_clean()
    assert "hero_alt_text" in error.value.message_dict


def test_the_pictures_description_is_the_hero_alt_text_when_the_story_gives_none(
    client, pictured_story
):
    pictured_story.hero_alt_text = ""
    pictured_story.hero_image.description = "Bars of figures, rising."
    pictured_story.hero_image.save()
    pictured_story.full_clean()
    pictured_story.save_revision().publish()
    html = get_html(client, pictured_story)
    assert html.select_one(".story__hero img")["alt"] == "Bars of figures, rising."
    assert meta(html, property="og:image:alt") == "Bars of figures, rising."


def test_json_ld_images_carry_the_pictures_credit(client, pictured_story):
    pictured_story.hero_image.credit = "Photo: Jane Smith / Wiltshire Police"
    pictured_story.hero_image.save()
    html = get_html(client, pictured_story)
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert {image["creditText"] for image in data["image"]} == {
        "Photo: Jane Smith / Wiltshire Police"
    }
