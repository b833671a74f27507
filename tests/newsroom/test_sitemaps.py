"""The sitemap, the Google News sitemap and robots.txt, parsed as search engines read them."""

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

import pytest

from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def test_sitemap_lists_published_pages_and_authors_with_lastmod(client, news_index):
    story = ArticlePageFactory(
        parent=news_index,
        slug="published",
        authors=[AuthorFactory(name="Faye")],
        topics=["crime"],
        areas=[PoliceForce.objects.get(slug="wiltshire")],
    )
    story.save_revision().publish()
    ArticlePageFactory(
        parent=news_index,
        slug="draft",
        live=False,
        topics=["secret"],
        areas=[PoliceForce.objects.get(slug="kent")],
    )
    AuthorFactory(name="No Stories Yet")
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in parse(client, "/sitemap.xml").findall(f"{SITEMAP}url")
    }
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in urls}
    assert paths == {
        "",
        "news/",
        "news/published/",
        "authors/faye/",
        "news/topic/crime/",
        "news/area/wiltshire/",
    }
    story_lastmod = next(lastmod for loc, lastmod in urls.items() if "published" in loc)
    assert story_lastmod.startswith(str(timezone.localdate()))


def test_news_sitemap_holds_only_stories_of_the_last_two_days(client, news_index):
    today = timezone.localdate()
    ArticlePageFactory(parent=news_index, title="Fresh", slug="fresh", publish_date=today)
    ArticlePageFactory(
        parent=news_index, title="Back-dated", publish_date=today - datetime.timedelta(days=30)
    )
    ArticlePageFactory(parent=news_index, title="Fresh draft", publish_date=today, live=False)
    urls = parse(client, "/news-sitemap.xml").findall(f"{SITEMAP}url")
    assert len(urls) == 1
    news = urls[0].find(f"{NEWS}news")
    assert urls[0].findtext(f"{SITEMAP}loc").endswith("/news/fresh/")
    assert news.findtext(f"{NEWS}title") == "Fresh"
    assert news.find(f"{NEWS}publication").findtext(f"{NEWS}name") == "Newsroom"
    published = datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert timezone.now() - published < datetime.timedelta(days=2)


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml",
        "Sitemap: http://testserver/news-sitemap.xml",
    ]
