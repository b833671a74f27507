"""`make production` serves the API, its docs page and the embeds through nginx, with the
page cache."""

import json
import re
import time

import pytest

from tests.production.conftest import REFERENCE_STORY, get

# The one stack of tests/production/: every test using it runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("production-stack")


def from_the_cache(url, seconds=10):
    """The answer once the page cache keeps it (purges queued by the demo content may still
    be running when the stack starts)."""
    deadline = time.monotonic() + seconds
    while (response := get(url)).header("X-Page-Cache") != "hit":
        assert time.monotonic() < deadline, f"{url} was never served from the page cache"
        time.sleep(0.5)
    return response


def test_the_api_answers_through_nginx_from_the_page_cache(stack):
    first = get(stack.url + "/api/figures/")
    assert first.status == 200 and first.header("Access-Control-Allow-Origin") == "*"
    assert json.loads(first.body)["count"] > 0
    again = from_the_cache(stack.url + "/api/figures/")
    assert get(stack.url + "/api/figures/", {"If-None-Match": again.header("ETag")}).status == 304
    stories = json.loads(get(stack.url + "/api/v2/pages/").body)
    assert REFERENCE_STORY in [
        item["meta"]["html_url"][-len(REFERENCE_STORY) :] for item in stories["items"]
    ]


def test_the_docs_page_and_its_assets_come_from_this_site(stack):
    page = get(stack.url + "/api/docs/")
    assert page.status == 200
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    assert assets and all(get(stack.url + asset).status == 200 for asset in assets)
    assert json.loads(get(stack.url + "/api/schema/").body)["openapi"].startswith("3.")


def test_an_embed_stays_frameable_from_the_page_cache(stack):
    story = get(stack.url + REFERENCE_STORY).text
    embed = re.search(r"/embed/\d+/[0-9a-f-]+/", story).group(0)
    for response in (get(stack.url + embed), from_the_cache(stack.url + embed)):
        assert response.status == 200
        assert "frame-ancestors *" in response.header("Content-Security-Policy")
        assert not response.header("X-Frame-Options")
