"""“Republish this story”: CC BY-ND stories only, with credit, embeds and allowed pictures."""

import json

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from articles.licences import Licence
from tests.factories import ArticlePageFactory, AuthorFactory, HelplineFactory, PictureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_story(news_index, offences, wiltshire):
    own = PictureFactory(title="Ours", description="Our photo", credit="Photo: Newsroom")
    own.may_republish = True
    own.save()
    agency = PictureFactory(title="Agency", description="Agency photo", credit="Photo: Agency")
    helpline = HelplineFactory(name="Wiltshire MASH", number="0300 456 0108")
    body = ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": '<p>See <a href="/statistics/">the data</a>.</p>'},
            {"type": "image", "value": {"image": {"image": own.pk, "alt_text": ""}}},
            {"type": "image", "value": {"image": {"image": agency.pk, "alt_text": ""}}},
            {
                "type": "figure_comparison",
                "value": {"measure": offences.pk, "force": wiltshire.pk, "period": "2019/20"},
            },
            {"type": "helplines", "value": {"mode": "chosen", "helplines": [helpline.pk]}},
        ]
    )
    return ArticlePageFactory(
        parent=news_index,
        title="Offences fall",
        slug="offences-fall",
        authors=[AuthorFactory(name="Faye Tryhorn")],
        licence=Licence.CC_BY_ND,
        body=body,
    )


def republished(client, story):
    page = BeautifulSoup(client.get(f"/republish/{story.pk}/").content, "html.parser")
    return BeautifulSoup(page.find("textarea").text, "html.parser")


def test_the_html_has_byline_credit_link_embeds_and_only_allowed_pictures(client, open_story):
    html = republished(client, open_story)
    assert html.h1.text == "Offences fall"
    assert "By Faye Tryhorn" in html.text
    story_url = open_story.full_url
    assert (
        html.find("a", rel="license")["href"] == "https://creativecommons.org/licenses/by-nd/4.0/"
    )
    assert [a["href"] for a in html.find_all("a", string="Newsroom")][-1] == story_url
    assert html.find("a", string="the data")["href"].startswith("http")
    assert [img["alt"] for img in html.find_all("img")] == ["Our photo"]
    assert "Photo: Newsroom" in html.text and "Agency" not in html.text
    assert html.iframe["src"].endswith(f"/embed/{open_story.pk}/{open_story.body[3].id}/")
    assert html.find("a", href="tel:+443004560108").text == "0300 456 0108"


def test_the_page_asks_for_rel_canonical(client, open_story):
    response = client.get(f"/republish/{open_story.pk}/")
    assert f'&lt;link rel="canonical" href="{open_story.full_url}"&gt;' in response.content.decode()


def test_the_story_offers_it_and_says_its_licence(client, open_story):
    page = BeautifulSoup(client.get(open_story.url).content, "html.parser")
    assert page.find("a", string="Republish this story")["href"] == f"/republish/{open_story.pk}/"
    schema = next(
        data
        for tag in page.find_all("script", type="application/ld+json")
        if (data := json.loads(tag.string)).get("@type") == "NewsArticle"
    )
    assert schema["license"] == "https://creativecommons.org/licenses/by-nd/4.0/"


def test_the_api_says_the_licence(client, open_story):
    licence = client.get("/api/v2/pages/").json()["items"][0]["licence"]
    assert licence["code"] == "cc-by-nd-4.0"
    assert licence["republish_url"] == f"http://testserver/republish/{open_story.pk}/"


def test_all_rights_reserved_by_default_and_nothing_to_republish(client, story):
    assert story.licence == Licence.ALL_RIGHTS_RESERVED
    assert client.get(f"/republish/{story.pk}/").status_code == 404
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert page.find("a", string="Republish this story") is None
    assert client.get("/api/v2/pages/").json()["items"][0]["licence"]["republish_url"] is None


def test_drafts_are_never_offered(client, open_story):
    open_story.unpublish()
    assert client.get(f"/republish/{open_story.pk}/").status_code == 404
