"""The sitemap index and its sitemaps, the Google News sitemap and robots.txt, parsed as search
engines read them."""

import datetime
import json
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticleCorrection
from newsroom import story_sitemaps
from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory, AuthorFactory, FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def sitemap_urls(client):
    """Every URL of every sitemap the index names, with its lastmod."""
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    urls = {}
    for sitemap in index.findall(f"{SITEMAP}sitemap"):
        for url in parse(client, path_of(sitemap.findtext(f"{SITEMAP}loc"))).findall(
            f"{SITEMAP}url"
        ):
            urls[path_of(url.findtext(f"{SITEMAP}loc"))] = url.findtext(f"{SITEMAP}lastmod")
    return urls


def test_the_index_leads_to_every_published_page_author_listing_and_data_page(client, news_index):
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
    FigureFactory(measure=MeasureFactory(slug="offences"))
    MeasureFactory(slug="no-figures-yet")
    assert set(sitemap_urls(client)) == {
        "/",
        "/news/",
        "/news/published/",
        "/authors/faye/",
        "/news/topic/crime/",
        "/news/area/",
        "/news/area/wiltshire/",
        "/statistics/",
        "/statistics/offences/",
    }


def test_the_index_gives_the_pages_sitemap_the_last_publication_of_a_page(client, news_index):
    ArticlePageFactory(parent=news_index)
    news_index.save_revision().publish()
    news_index.refresh_from_db()
    index = parse(client, "/sitemap.xml")
    pages = next(s for s in index if s.findtext(f"{SITEMAP}loc").endswith("/sitemap-pages.xml"))
    lastmod = datetime.datetime.fromisoformat(pages.findtext(f"{SITEMAP}lastmod"))
    assert lastmod == news_index.last_published_at


def test_a_storys_lastmod_is_its_last_real_change_as_json_ld_says(client, news_index):
    story = ArticlePageFactory(parent=news_index, slug="corrected")
    ArticleCorrection.objects.create(
        page=story, date=datetime.date(2024, 3, 6), note="A figure was wrong."
    )
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    date_modified = json.loads(html.find("script", type="application/ld+json").string)[
        "dateModified"
    ]
    lastmod = sitemap_urls(client)["/news/corrected/"]
    assert datetime.datetime.fromisoformat(lastmod) == datetime.datetime.fromisoformat(
        date_modified
    )
    assert lastmod.startswith("2024-03-06")


def story_sitemap_paths(client):
    index = parse(client, "/sitemap.xml")
    return [path_of(loc.text) for loc in index.iter(f"{SITEMAP}loc") if "stories" in loc.text]


def test_stories_are_in_sitemaps_of_fixed_ranges_of_ids(client, news_index, monkeypatch):
    monkeypatch.setattr(story_sitemaps, "STORY_IDS_PER_SITEMAP", 2)
    stories = [
        ArticlePageFactory(
            parent=news_index, slug=f"day-{day}", publish_date=datetime.date(2020, 1, day)
        )
        for day in range(1, 6)
    ]
    expected = {}
    for story in stories:
        expected.setdefault(f"/sitemap-stories-{story.pk // 2 + 1}.xml", []).append(story.url)
    pages = {
        path: [path_of(loc.text) for loc in parse(client, path).iter(f"{SITEMAP}loc")]
        for path in story_sitemap_paths(client)
    }
    assert pages == expected
    assert all(len(urls) <= 2 for urls in pages.values())


def test_a_new_story_changes_only_the_newest_stories_sitemap(client, news_index, monkeypatch):
    monkeypatch.setattr(story_sitemaps, "STORY_IDS_PER_SITEMAP", 2)
    for day in range(1, 6):
        ArticlePageFactory(parent=news_index, publish_date=datetime.date(2020, 1, day))
    before = {path: client.get(path).content for path in story_sitemap_paths(client)}
    story = ArticlePageFactory(parent=news_index, slug="new", live=False)
    story.save_revision().publish()
    after = {path: client.get(path).content for path in story_sitemap_paths(client)}
    newest = max(after, key=lambda path: int(path.split("-")[-1].split(".")[0]))
    assert b"/news/new/" in after[newest]
    assert {path: xml for path, xml in after.items() if path != newest} == {
        path: xml for path, xml in before.items() if path != newest
    }


def test_the_index_gives_each_stories_sitemap_its_latest_change(client, news_index, monkeypatch):
    monkeypatch.setattr(story_sitemaps, "STORY_IDS_PER_SITEMAP", 2)
    for day in range(1, 6):
        ArticlePageFactory(parent=news_index, publish_date=datetime.date(2020, 1, day))
    index = parse(client, "/sitemap.xml")
    for sitemap in index.findall(f"{SITEMAP}sitemap"):
        path = path_of(sitemap.findtext(f"{SITEMAP}loc"))
        if "stories" not in path:
            continue
        lastmods = [url.text for url in parse(client, path).iter(f"{SITEMAP}lastmod")]
        latest = max(map(datetime.datetime.fromisoformat, lastmods))
        assert datetime.datetime.fromisoformat(sitemap.findtext(f"{SITEMAP}lastmod")) == latest


@pytest.mark.parametrize("path", ["/sitemap-stories.xml", "/sitemap-stories-99.xml"])
def test_a_stories_sitemap_that_lists_nothing_is_not_found(client, news_index, path):
    ArticlePageFactory(parent=news_index)
    assert client.get(path).status_code == 404


def test_the_index_is_cached_until_a_story_is_published(client, news_index):
    ArticlePageFactory(parent=news_index, slug="first")
    parse(client, "/sitemap.xml")
    with CaptureQueriesContext(connection) as queries:
        parse(client, "/sitemap.xml")
    assert len(queries) == 0
    ArticlePageFactory(parent=news_index, slug="second", live=False).save_revision().publish()
    assert "/news/second/" in sitemap_urls(client)


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


def robots(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


def test_robots_txt_names_the_news_sitemap_only_when_it_has_stories(client, news_index):
    ArticlePageFactory(parent=news_index, publish_date=datetime.date(2020, 1, 1))
    assert [line for line in robots(client) if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml"
    ]
    assert client.get("/news-sitemap.xml").status_code == 404
    ArticlePageFactory(parent=news_index, publish_date=timezone.localdate())
    assert [line for line in robots(client) if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml",
        "Sitemap: http://testserver/news-sitemap.xml",
    ]


def test_crawlers_may_read_search_pages_and_are_told_not_to_index_them(client, home):
    lines = robots(client)
    assert "Disallow: /admin/" in lines
    assert not [line for line in lines if line.startswith("Disallow: /search")]
    html = BeautifulSoup(client.get("/search/", {"q": "police"}).content, "html.parser")
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
