"""/embed/… and /oembed/: a story's figures on any site, live, and only published ones."""

from urllib.parse import urlencode

from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from statistics.models import Figure
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def policy(header):
    return dict((part.split(" ", 1) + [""])[:2] for part in header.split("; ") if part)


@pytest.fixture
def figure_story(news_index, offences, wiltshire, hampshire):
    """A published story with a paragraph, a comparison and a chart."""
    body = ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {
                "type": "figure_comparison",
                "value": {"measure": offences.pk, "force": wiltshire.pk, "period": "2019/20"},
            },
            {
                "type": "figure_chart",
                "value": {
                    "measure": offences.pk,
                    "forces": [wiltshire.pk, hampshire.pk],
                    "periods": ["2018/19", "2019/20"],
                    "caption": "",
                },
            },
        ]
    )
    return ArticlePageFactory(parent=news_index, title="Offences rise", slug="offences", body=body)


def embed_path(story, index):
    return f"/embed/{story.pk}/{story.body[index].id}/"


def test_an_embed_shows_todays_figures_the_source_and_the_story(client, figure_story, wiltshire):
    response = client.get(embed_path(figure_story, 1))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "63 incidents in 2019/20, compared to 77 in 2018/19" in page.text
    assert "NSPCC" in page.text
    assert page.find("a", string="Offences rise")["href"].endswith("/news/offences/")
    assert page.find("link", rel="canonical")["href"].endswith("/news/offences/")

    Figure.objects.filter(force=wiltshire, period="2019/20").update(value=70)
    assert "70 incidents in 2019/20" in client.get(embed_path(figure_story, 1)).content.decode()


def test_a_chart_embed_has_its_table_for_screen_readers(client, figure_story):
    page = BeautifulSoup(client.get(embed_path(figure_story, 2)).content, "html.parser")
    assert page.find("svg", role="img")
    assert "247" in page.find("table").text


def test_embeds_may_be_framed_by_any_site_and_stories_may_not(client, figure_story):
    embed = client.get(embed_path(figure_story, 1))
    assert policy(embed["Content-Security-Policy"])["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in embed
    assert not embed.cookies
    story = client.get(figure_story.url)
    assert policy(story["Content-Security-Policy"])["frame-ancestors"] == "'self'"
    assert story["X-Frame-Options"] == "SAMEORIGIN"


def test_a_cached_embed_stays_frameable(client, figure_story, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get(embed_path(figure_story, 1))
    again = client.get(embed_path(figure_story, 1))
    assert again["X-Page-Cache"] == "hit"
    assert policy(again["Content-Security-Policy"])["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in again


def test_drafts_private_stories_and_other_blocks_have_no_embed(client, figure_story):
    assert client.get(embed_path(figure_story, 0)).status_code == 404  # a paragraph
    PageViewRestriction.objects.create(
        page=figure_story, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(embed_path(figure_story, 1)).status_code == 404
    PageViewRestriction.objects.all().delete()
    figure_story.unpublish()
    assert client.get(embed_path(figure_story, 1)).status_code == 404


def test_a_story_offers_the_embed_code_of_each_figure(client, figure_story):
    page = BeautifulSoup(client.get(figure_story.url).content, "html.parser")
    codes = [BeautifulSoup(t.text, "html.parser").iframe for t in page.select(".embed-code__text")]
    assert [code["src"] for code in codes] == [
        f"http://testserver{embed_path(figure_story, 1)}",
        f"http://testserver{embed_path(figure_story, 2)}",
    ]
    discovery = page.find("link", type="application/json+oembed")
    assert urlencode({"url": figure_story.full_url}) in discovery["href"]


def oembed(client, url, **params):
    return client.get("/oembed/?" + urlencode({"url": url, "format": "json", **params}))


def test_oembed_for_a_story_embeds_its_first_figure(client, figure_story):
    data = oembed(client, figure_story.full_url).json()
    assert (data["version"], data["type"]) == ("1.0", "rich")
    frame = BeautifulSoup(data["html"], "html.parser").iframe
    assert frame["src"] == f"http://testserver{embed_path(figure_story, 1)}"
    assert data["title"] == "Offences rise: Figure comparison"


def test_oembed_for_a_chart_url_and_a_smaller_size(client, figure_story):
    url = f"http://testserver{embed_path(figure_story, 2)}"
    data = oembed(client, url, maxwidth=300).json()
    assert BeautifulSoup(data["html"], "html.parser").iframe["src"] == url
    assert data["width"] == 300


@pytest.mark.parametrize(
    "url, status",
    [
        ("", 400),
        ("https://elsewhere.example/news/offences/", 404),
        ("http://testserver/news/", 404),
        ("http://testserver/no-such-page/", 404),
        ("javascript:alert(1)", 404),
    ],
)
def test_oembed_refuses_what_it_cannot_embed(client, figure_story, url, status):
    response = oembed(client, url)
    assert response.status_code == status
    assert response.json()["detail"]


def test_oembed_offers_json_only(client, figure_story):
    url = f"http://testserver{embed_path(figure_story, 1)}"
    assert oembed(client, url, format="xml").status_code == 501


def test_oembed_never_embeds_a_draft(client, figure_story):
    figure_story.unpublish()
    assert oembed(client, f"http://testserver{embed_path(figure_story, 1)}").status_code == 404
    assert oembed(client, "http://testserver/news/offences/").status_code == 404


@override_settings(API_THROTTLE_RATE="1/minute")
def test_embeds_are_not_throttled_like_the_api(client, figure_story):
    for _ in range(3):
        assert client.get(embed_path(figure_story, 1)).status_code == 200
