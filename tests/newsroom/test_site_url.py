"""SITE_URL is the site's one public address: the default Site, canonicals, sitemaps, feeds
and JSON-LD use it whatever Host the request carried."""

import json
import xml.etree.ElementTree as ET

from django.core.exceptions import DisallowedHost
from django.core.management import call_command
from django.http import HttpResponse

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from newsroom.site_url import SiteURLMiddleware, apply_site_url, site_address

pytestmark = pytest.mark.django_db

SITE_URL = "https://news.example.org"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def forget_site_root_paths():
    """Wagtail caches the Site's address; the database is rolled back after each test."""
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["news.example.org", "10.0.0.5"]
    apply_site_url()


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://news.example.org", ("https", "news.example.org", 443)),
        ("http://127.0.0.1:8080", ("http", "127.0.0.1", 8080)),
        ("http://news.example.org", ("http", "news.example.org", 80)),
    ],
)
def test_the_address_is_read_with_its_default_port(url, address):
    assert site_address(url) == address


@pytest.mark.parametrize("url", ["news.example.org", "ftp://news.example.org", ""])
def test_an_address_without_http_scheme_is_refused_clearly(url):
    with pytest.raises(ValueError, match="SITE_URL must look like"):
        site_address(url)


def test_migrate_points_the_default_site_at_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"


def sitemap_locations(client, path):
    response = client.get(path, HTTP_HOST="10.0.0.5")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_every_url_on_site_url(client, public_address, story):
    sections = sitemap_locations(client, "/sitemap.xml")
    locations = sections + [
        loc for section in sections for loc in sitemap_locations(client, section[len(SITE_URL) :])
    ]
    assert story.url and f"{SITE_URL}{story.url}" in locations
    assert all(loc.startswith(SITE_URL + "/") for loc in locations)


def test_canonical_open_graph_and_json_ld_use_site_url(client, public_address, story):
    response = client.get(story.url, HTTP_HOST="10.0.0.5")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == SITE_URL + story.url
    assert soup.find("meta", property="og:url")["content"] == SITE_URL + story.url
    schema = json.loads(soup.find("script", type="application/ld+json").string)
    assert schema["url"] == SITE_URL + story.url


def test_feed_links_use_site_url(client, public_address, story):
    response = client.get("/news/feed/", HTTP_HOST="10.0.0.5")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == f"{SITE_URL}/news/"
    assert channel.find("item").findtext("link") == SITE_URL + story.url


def test_a_host_outside_allowed_hosts_is_still_refused(client, public_address, story):
    assert client.get(story.url, HTTP_HOST="evil.example.com").status_code == 400


def test_every_page_in_the_sitemaps_names_itself_by_its_sitemap_address(
    client, public_address, settings
):
    """One address per page: for each <loc>, the page's canonical, og:url and JSON-LD url
    (where it has one) are that <loc>, and its lastmod is the JSON-LD dateModified."""
    call_command("load_demo")
    sections = sitemap_locations(client, "/sitemap.xml")
    checked = 0
    for section in sections:
        response = client.get(section[len(SITE_URL) :], HTTP_HOST="10.0.0.5")
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
            loc, lastmod = url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod")
            page = client.get(loc[len(SITE_URL) :], HTTP_HOST="10.0.0.5", secure=True)
            assert page.status_code == 200, loc
            html = BeautifulSoup(page.content, "html.parser")
            assert html.find("link", rel="canonical")["href"] == loc
            assert html.find("meta", property="og:url")["content"] == loc
            for script in html.find_all("script", type="application/ld+json"):
                data = json.loads(script.string)
                if data["@type"] in ("NewsArticle", "ProfilePage", "Dataset"):
                    assert data["url"] == loc
                if data["@type"] == "NewsArticle":
                    assert data["dateModified"] == lastmod
            checked += 1
    assert checked >= 15


def test_a_refused_host_is_refused_every_time(rf, public_address):
    middleware = SiteURLMiddleware(lambda request: HttpResponse())
    for _ in range(2):
        with pytest.raises(DisallowedHost):
            middleware(rf.get("/", HTTP_HOST="evil.example.com"))


def test_a_host_let_through_is_checked_again_once_allowed_hosts_change(
    rf, public_address, settings
):
    middleware = SiteURLMiddleware(lambda request: HttpResponse())
    assert middleware(rf.get("/", HTTP_HOST="10.0.0.5")).status_code == 200
    settings.ALLOWED_HOSTS = ["news.example.org"]
    with pytest.raises(DisallowedHost):
        middleware(rf.get("/", HTTP_HOST="10.0.0.5"))


def test_only_a_few_hosts_are_remembered(rf, public_address, settings):
    """Under a wildcard any number of names pass; a process keeps a handful."""
    settings.ALLOWED_HOSTS = [".example.org"]
    middleware = SiteURLMiddleware(lambda request: HttpResponse())
    for number in range(50):
        request = rf.get("/", HTTP_HOST=f"n{number}.example.org")
        assert middleware(request).status_code == 200
        assert request.get_host() == "news.example.org"
    assert len(middleware.allowed_hosts) <= SiteURLMiddleware.REMEMBERED_HOSTS
