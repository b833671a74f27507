"""Images reach readers as renditions: WebP with a JPEG fallback, sized, lazy below the fold;
with the picture's own alt text (its description) and credit unless the story gives its own,
and never published without alt text unless marked decorative."""

from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from articles.guard_rails import publish_errors
from articles.models import ArticlePage
from images.models import Picture
from tests.editorial import block_errors_shown, story_form
from tests.factories import ArticlePageFactory, AuthorFactory, PictureFactory

pytestmark = pytest.mark.django_db


def picture_story(news_index, **fields):
    image = Picture.objects.create(title="Picture", file=get_test_image_file(size=(1600, 900)))
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


POLICE_PHOTO = {
    "description": "Two officers outside Melksham police station.",
    "credit": "Photo: Jane Smith / Wiltshire Police",
}


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_hero_alt_text_and_credit_are_the_pictures_unless_the_story_gives_its_own(
    client, news_index
):
    picture = PictureFactory(**POLICE_PHOTO)
    own = ArticlePageFactory(parent=news_index, hero_image=picture, hero_caption="Melksham.")
    given = ArticlePageFactory(
        parent=news_index, hero_image=picture, hero_alt_text="Officers.", hero_credit="Pool"
    )
    hero = html_of(client, own).select_one(".story__hero")
    assert hero.img["alt"] == POLICE_PHOTO["description"]
    assert hero.figcaption.get_text(" ", strip=True) == (
        "Melksham. Photo: Jane Smith / Wiltshire Police"
    )
    hero = html_of(client, given).select_one(".story__hero")
    assert hero.img["alt"] == "Officers."
    assert hero.select_one(".credit").get_text() == "Pool"


def image_block(picture, *, alt_text="", decorative=False, caption="", credit=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": picture.pk, "decorative": decorative, "alt_text": alt_text},
            "caption": caption,
            "credit": credit,
        },
    }


def body_image_story(news_index, *blocks):
    return ArticlePageFactory(parent=news_index, body=ArticleBodyBlock().to_python(list(blocks)))


def body_figures(client, story):
    return html_of(client, story).select(".story__body figure.story-image")


def test_a_body_picture_shows_its_description_and_credit_with_the_caption(client, news_index):
    picture = PictureFactory(**POLICE_PHOTO)
    story = body_image_story(news_index, image_block(picture, caption="The station on Monday."))
    [figure] = body_figures(client, story)
    assert_responsive(figure.picture)
    assert figure.img["alt"] == POLICE_PHOTO["description"]
    assert figure.img["loading"] == "lazy"
    assert figure.figcaption.get_text(" ", strip=True) == (
        "The station on Monday. Photo: Jane Smith / Wiltshire Police"
    )


def test_a_body_picture_may_have_its_own_alt_text_and_credit_or_be_decorative(client, news_index):
    picture = PictureFactory(**POLICE_PHOTO)
    story = body_image_story(
        news_index,
        image_block(picture, alt_text="The station's front door.", credit="Photo: Pool"),
        image_block(picture, alt_text="Not read out", decorative=True),
    )
    given, decorative = body_figures(client, story)
    assert given.img["alt"] == "The station's front door."
    assert given.select_one(".credit").get_text() == "Photo: Pool"
    assert decorative.img["alt"] == ""
    assert decorative.select_one(".credit").get_text() == POLICE_PHOTO["credit"]


def add_story(client, news_index, body, action=None):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(
        url, story_form(authors=[AuthorFactory()], body=body, action=action), follow=True
    )
    return ArticlePage.objects.filter(slug="council-opens-new-library").first(), response


def editor_image_block(picture, alt_text):
    """An image block as the editor sends it (the alt text field starts as the description)."""
    return ("image", {"image": {"image": picture.pk, "alt_text": alt_text}, "caption": ""})


def test_a_correction_to_a_description_reaches_the_stories_that_use_it(client, editor, news_index):
    picture = PictureFactory(**POLICE_PHOTO)
    client.force_login(editor)
    story, _ = add_story(
        client, news_index, [editor_image_block(picture, POLICE_PHOTO["description"])], "publish"
    )
    assert story.live
    picture.description = "Two officers outside Melksham police station, in the rain."
    picture.save()
    [figure] = body_figures(client, story)
    assert figure.img["alt"] == "Two officers outside Melksham police station, in the rain."


def test_a_picture_without_alt_text_is_not_published_but_a_draft_saves(client, editor, news_index):
    picture = PictureFactory(description="")
    client.force_login(editor)
    body = [editor_image_block(picture, "")]
    story, response = add_story(client, news_index, body, "publish")
    assert story is None
    alt_text_errors = block_errors_shown(response, nested=True)["0"]["image"]["alt_text"]
    assert alt_text_errors[0].startswith("Describe the picture for people who cannot see it")
    story, _ = add_story(client, news_index, body)
    assert story is not None and not story.live


@pytest.mark.parametrize("emptied", ["", "   "])
def test_approval_and_the_scheduler_refuse_a_picture_whose_description_was_emptied(
    news_index, emptied
):
    picture = PictureFactory(title="Station", **POLICE_PHOTO)
    story = body_image_story(news_index, image_block(picture))
    story.hero_image = picture
    story.save()
    assert publish_errors(story) == []
    picture.description = emptied
    picture.save()
    story = ArticlePage.objects.get(pk=story.pk)
    hero, block = publish_errors(story)
    assert hero.startswith("The hero image has no alt text")
    assert block.startswith("The picture “Station” has no alt text.")
