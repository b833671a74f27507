"""What a reader gets around a story: reading time, the author's photo in the byline, share
links that are plain addresses (no third-party script), a feed link, and no stray separator
when a story has no author."""

import re
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from images.models import Picture
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_reading_time_counts_the_words_of_the_story(client, news_index):
    words = " ".join(["word"] * 450)
    body = ArticleBodyBlock().to_python([{"type": "paragraph", "value": f"<p>{words}</p>"}])
    page = ArticlePageFactory(parent=news_index, body=body, standfirst="Five words of standfirst.")
    assert html_of(client, page).select_one(".byline__reading").get_text() == "2 min read"
    short = ArticlePageFactory(parent=news_index)
    assert html_of(client, short).select_one(".byline__reading").get_text() == "1 min read"


def test_the_byline_reads_at_the_rate_of_wagtails_checks_and_separates_its_parts(
    client, news_index
):
    """403 words of headline, standfirst and body: the Checks panel says "2 mins" (238 words
    a minute, rounded); the byline said "1 min read" before it used the same rule."""
    words = " ".join(["word"] * 393)
    body = ArticleBodyBlock().to_python([{"type": "paragraph", "value": f"<p>{words}</p>"}])
    page = ArticlePageFactory(
        parent=news_index,
        title="Three word headline",
        standfirst="Seven words of standfirst in total here.",
        body=body,
    )
    page.figures_updated_at = timezone.now()
    page.save()
    byline = html_of(client, page).select_one(".byline")
    assert byline.select_one(".byline__reading").get_text() == "2 min read"
    text = " ".join(byline.get_text(" ", strip=True).split())
    assert "2 min read · Figures updated on" in text
    assert text.count(" · ") == 3  # authors · date · reading time · figures updated


def test_byline_shows_the_authors_photo(client, news_index):
    photo = Picture.objects.create(title="Faye", file=get_test_image_file(size=(400, 400)))
    page = ArticlePageFactory(parent=news_index, authors=[AuthorFactory(photo=photo)])
    img = html_of(client, page).select_one(".byline img.byline__photo")
    assert (img["width"], img["height"], img["alt"]) == ("96", "96", "")


def test_share_links_are_plain_addresses_of_six_services(client, news_index):
    page = ArticlePageFactory(parent=news_index, title="Figures & more", slug="figures")
    html = html_of(client, page)
    links = {a.get_text(): a["href"] for a in html.select(".share a")}
    assert list(links) == ["Email", "Bluesky", "Mastodon", "WhatsApp", "X", "Facebook"]
    url = "http://testserver/news/figures/"
    assert (
        links["Email"]
        == "mailto:?subject=Figures%20%26%20more&body=http%3A%2F%2Ftestserver%2Fnews%2Ffigures%2F"
    )
    assert parse_qs(urlsplit(links["Bluesky"]).query)["text"] == [f"Figures & more {url}"]
    assert parse_qs(urlsplit(links["X"]).query) == {"text": ["Figures & more"], "url": [url]}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [url]}
    assert all(urlsplit(href).scheme == "https" for name, href in links.items() if name != "Email")
    assert not html.select("script[src]")


def test_every_story_links_its_feed(client, news_index):
    page = ArticlePageFactory(parent=news_index)
    feeds = [a["href"] for a in html_of(client, page).select("main .feed-links a")]
    assert feeds == ["/news/feed/", "/news/feed/atom/"]


def test_no_separator_is_left_over_when_a_story_has_no_author(client, news_index):
    page = ArticlePageFactory(parent=news_index, authors=[])
    byline = html_of(client, page).select_one(".story__header .byline")
    assert byline.select_one(".byline__authors") is None
    text = " ".join(byline.get_text(" ", strip=True).split())
    # Date · reading time: a separator only between parts that are there.
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} · \d+ min read", text), text


def test_the_byline_and_topics_keep_the_order_the_editor_gave_them(client, news_index):
    page = ArticlePageFactory(
        parent=news_index,
        authors=[AuthorFactory(name="Zoe Quinn"), AuthorFactory(name="Amir Khan")],
        topics=["policing", "courts", "crime"],
    )
    html = html_of(client, page)
    assert html.select_one(".byline__authors").get_text() == "By Zoe Quinn and Amir Khan"
    topics = [a.get_text() for a in html.select(".story__topics a")]
    assert topics == ["policing", "courts", "crime"]
