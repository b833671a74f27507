"""RSS 2.0 and Atom feeds, parsed as XML, and their links in <head>."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from articles.models import ArticleCorrection
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


@pytest.fixture
def story(story, news_index):
    """The story, corrected once, beside a story on another topic and a draft."""
    ArticleCorrection.objects.create(page=story, date=datetime.date(2020, 9, 5), note="Fixed.")
    ArticlePageFactory(
        parent=news_index,
        title="Unrelated",
        topics=["transport"],
        publish_date=datetime.date(2020, 9, 10),
    )
    ArticlePageFactory(parent=news_index, title="A draft", topics=["crime"], live=False)
    return story


def test_rss_for_all_news_has_every_published_story_with_its_details(client, story):
    channel, items = rss_items(client, "/news/feed/")
    assert channel.findtext("title") == "News | Newsroom"
    assert channel.findtext("link") == "http://testserver/news/"
    titles = [item.findtext("title") for item in items]
    assert titles == ["Unrelated", "Figures released"]
    item = items[1]
    assert item.findtext("link") == "http://testserver/news/figures-released/"
    assert item.findtext("description") == "Forces released their figures."
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Faye Tryhorn"
    assert item.findtext("pubDate") == "Thu, 03 Sep 2020 00:00:00 +0100"
    assert [c.text for c in item.findall("category")] == ["crime"]


def test_atom_for_all_news_gives_author_and_updated_date(client, story):
    feed, entries = atom_entries(client, "/news/feed/atom/")
    assert feed.findtext(f"{ATOM}title") == "News | Newsroom"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/news/feed/atom/"
    entry = next(e for e in entries if e.findtext(f"{ATOM}title") == "Figures released")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/news/figures-released/"
    assert entry.findtext(f"{ATOM}summary") == "Forces released their figures."
    author = entry.find(f"{ATOM}author")
    assert author.findtext(f"{ATOM}name") == "Faye Tryhorn"
    assert author.findtext(f"{ATOM}uri") == "http://testserver/authors/faye-tryhorn/"
    assert entry.findtext(f"{ATOM}published") == "2020-09-03T00:00:00+01:00"
    # The correction of 5 September is the latest change.
    assert entry.findtext(f"{ATOM}updated") == "2020-09-05T00:00:00+01:00"


@pytest.mark.parametrize(
    "path", ["/news/topic/crime/", "/news/area/wiltshire/", "/authors/faye-tryhorn/"]
)
def test_topic_area_and_author_feeds_hold_only_their_stories(client, story, path):
    _, items = rss_items(client, f"{path}feed/")
    assert [item.findtext("title") for item in items] == ["Figures released"]
    _, entries = atom_entries(client, f"{path}feed/atom/")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Figures released"]


@pytest.mark.parametrize(
    "url", ["/news/topic/nothing/feed/", "/news/area/atlantis/feed/atom/", "/authors/no/feed/"]
)
def test_feeds_of_unknown_topics_areas_and_authors_are_404s(client, story, url):
    response = client.get(url)
    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").h1.text == "Page not found"


@pytest.mark.parametrize(
    ("path", "feeds"),
    [
        ("/", ["/news/feed/", "/news/feed/atom/"]),
        ("/news/", ["/news/feed/", "/news/feed/atom/"]),
        (
            "/news/topic/crime/",
            [
                "/news/feed/",
                "/news/feed/atom/",
                "/news/topic/crime/feed/",
                "/news/topic/crime/feed/atom/",
            ],
        ),
        (
            "/authors/faye-tryhorn/",
            [
                "/news/feed/",
                "/news/feed/atom/",
                "/authors/faye-tryhorn/feed/",
                "/authors/faye-tryhorn/feed/atom/",
            ],
        ),
    ],
)
def test_pages_advertise_their_feeds_in_head(client, story, path, feeds):
    head = BeautifulSoup(client.get(path).content, "html.parser").head
    links = head.select("link[rel=alternate]")
    assert [link["href"] for link in links] == feeds
    assert {link["type"] for link in links} == {"application/rss+xml", "application/atom+xml"}
    for link in links:
        assert client.get(link["href"]).status_code == 200


@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/", "/news/topic/crime/feed/"])
def test_a_feed_opened_in_a_browser_is_a_page_listing_its_stories(client, story, path):
    """Feeds name an XSL stylesheet from this site (so the CSP's 'self' allows it); applied
    as a browser applies it, it makes a page with each story linked and the site's CSS."""
    feed = client.get(path)
    assert feed.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet')
    assert b'href="/feed.xsl"' in feed.content.split(b"?>")[1]
    assert "default-src 'self'" in feed["Content-Security-Policy"]
    xsl = client.get("/feed.xsl")
    assert xsl["Content-Type"].startswith("text/xsl")
    page = etree.XSLT(etree.fromstring(xsl.content))(etree.fromstring(feed.content))
    html = BeautifulSoup(str(page), "html.parser")
    assert html.h1.get_text().endswith("| Newsroom")
    assert html.find("link", rel="stylesheet")["href"] == "/static/newsroom/site.css"
    links = {a.get_text(): a["href"] for a in html.select("main li a")}
    assert links["Figures released"] == "http://testserver/news/figures-released/"
    assert "A draft" not in links
