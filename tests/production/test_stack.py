"""`make production`, tried as readers reach it: through nginx, and through Varnish."""

import gzip
import json
import time
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest

from tests.production.conftest import REFERENCE_STORY, get, image_urls, logged_requests

# One stack for all of them: every test using it runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("production-stack")

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FRESH_WITHIN_SECONDS = 3


def poll_until(fetch, condition, seconds=FRESH_WITHIN_SECONDS * 2):
    """The first response that meets `condition`, and how long it took to come."""
    started = time.monotonic()
    while True:
        response = fetch()
        if condition(response) or time.monotonic() - started > seconds:
            return response, time.monotonic() - started
        time.sleep(0.1)


@pytest.mark.parametrize("path", ["/", REFERENCE_STORY])
def test_every_picture_on_the_page_answers_as_an_image(stack, path):
    page = get(stack.url + path)
    assert page.status == 200
    pictures = image_urls(page.text)
    assert len(pictures) >= 3, pictures
    for picture in pictures:
        response = get(urljoin(stack.url + path, picture.replace(stack.env["SITE_URL"], stack.url)))
        assert response.status == 200, picture
        assert response.header("Content-Type").startswith("image/"), picture


@pytest.mark.parametrize(
    "path",
    [
        "/",
        REFERENCE_STORY,
        "/news/feed/",
        "/sitemap.xml",
        "/statistics/online-child-sex-offences/",
        "/statistics/online-child-sex-offences.json",
        "/statistics/online-child-sex-offences.csv",
    ],
)
def test_pages_feeds_and_data_are_gzip_compressed(stack, path):
    response = get(stack.url + path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert len(gzip.decompress(response.body)) > len(response.body)


def test_static_files_have_hashed_names_cached_for_a_year(stack):
    html = get(stack.url + "/").text
    stylesheet = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert stylesheet.startswith("/static/") and stylesheet.count(".") >= 2
    response = get(stack.url + stylesheet, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert "immutable" in response.header("Cache-Control")
    assert response.header("Content-Encoding") == "gzip"


def sitemap_locations(url):
    return [loc.text for loc in ET.fromstring(get(url).body).iter(f"{SITEMAP}loc")]


def test_every_sitemap_url_starts_with_site_url(stack):
    """The index and every sitemap it lists: each URL on the public address."""
    site_url = stack.env["SITE_URL"]
    sections = sitemap_locations(stack.url + "/sitemap.xml")
    locations = sections + [
        loc
        for section in sections
        for loc in sitemap_locations(stack.url + section.removeprefix(site_url))
    ]
    assert len(locations) > len(sections) > 1
    assert all(loc.startswith(site_url + "/") for loc in locations), locations


@pytest.mark.parametrize(
    "validator", [("ETag", "If-None-Match"), ("Last-Modified", "If-Modified-Since")]
)
def test_the_feed_answers_304_to_its_own_validators(stack, validator):
    sent, asked = validator
    first = get(stack.url + "/news/feed/")
    again = get(stack.url + "/news/feed/", {asked: first.header(sent)})
    assert again.status == 304
    assert again.body == b""


def test_health_checks_answer_through_nginx(stack):
    assert json.loads(get(stack.url + "/healthz").body) == {"status": "ok"}
    ready = json.loads(get(stack.url + "/readyz").body)
    assert ready["checks"] == {"database": "ok", "cache": "ok", "storage": "ok"}


def test_each_request_is_logged_as_one_json_line(stack):
    get(stack.url + "/news/?page=1")
    entries = logged_requests(stack, lambda e: e["path"] == "/news/")
    entry = next(e for e in entries if e["path"] == "/news/")
    assert entry["method"] == "GET" and entry["status"] == 200
    assert isinstance(entry["seconds"], float) and isinstance(entry["queries"], int)


def cached(fetch, header):
    """A response served from the cache (waiting out purges still queued by earlier tests)."""
    response, _waited = poll_until(fetch, lambda r: r.header(header) == "hit")
    return response


def test_a_publish_shows_the_new_text_at_the_next_get(stack):
    story = stack.url + REFERENCE_STORY
    assert cached(lambda: get(story), "X-Page-Cache").header("X-Page-Cache") == "hit"
    stack.publish_standfirst(REFERENCE_STORY, "Updated through nginx: the page cache.")
    response, waited = poll_until(lambda: get(story), lambda r: "through nginx" in r.text)
    assert "Updated through nginx" in response.text
    assert response.header("X-Page-Cache") == "miss"
    assert waited < FRESH_WITHIN_SECONDS


def test_with_varnish_in_front_a_publish_purges_the_story(stack):
    story = stack.varnish_url + REFERENCE_STORY
    hit = cached(lambda: get(story), "X-Cache")
    assert hit.header("X-Cache") == "hit"
    assert len(hit.header("X-Varnish").split()) == 2  # this request's id and the cached one
    stack.publish_standfirst(REFERENCE_STORY, "Updated through Varnish: purged.")
    response, waited = poll_until(lambda: get(story), lambda r: "through Varnish" in r.text)
    assert "Updated through Varnish" in response.text
    assert response.header("X-Cache") == "miss"
    assert waited < FRESH_WITHIN_SECONDS
