"""With Redis unreachable, pages are served uncached: no 500, and one warning a minute."""

import logging
import socket

from django.core.cache import caches
from django.test import override_settings

import pytest

from newsroom import cache_backends
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(closed_port, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/10",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "site_objects": settings.SITE_OBJECTS_CACHE,
    }
    settings.PAGE_CACHE_SECONDS = 600
    yield caches["default"]


@pytest.fixture(autouse=True)
def warning_clock_reset(monkeypatch):
    """The once-a-minute clock is the process's: each test starts with no warning given."""
    monkeypatch.setitem(cache_backends._warning, "at", float("-inf"))


def test_every_cache_operation_degrades_to_a_miss(redis_down):
    cache = redis_down
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("key", "value") is None
    assert cache.add("key", "value") is False
    assert cache.has_key("key") is False
    assert cache.delete("key") is False
    assert cache.get_or_set("key", "computed") == "computed"
    assert cache.is_available() is False


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/news/feed/", "/search/?q=figures", "/sitemap.xml", "/statistics/"],
)
def test_pages_answer_200_uncached(client, news_index, redis_down, url):
    story = ArticlePageFactory(parent=news_index, title="Figures released")
    for page in (url, story.url):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"


def test_the_warning_is_logged_once_a_minute_not_per_request(
    client, news_index, redis_down, caplog, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr("newsroom.cache_backends.time.monotonic", lambda: clock[0])
    with caplog.at_level(logging.WARNING, logger="newsroom.cache_backends"):
        for _ in range(3):
            clock[0] += 6  # past the retry pause: Redis is tried (and fails) each time
            assert client.get("/news/").status_code == 200
        clock[0] += 60
        assert client.get("/news/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "newsroom.cache_backends"]
    assert len(warnings) == 2
    assert "Redis cache unavailable" in warnings[0].getMessage()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_readiness_reports_the_cache_but_stays_ready(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "failed", "storage": "ok"}


def test_one_warning_a_minute_per_process_whatever_the_threads(redis_down, caplog, monkeypatch):
    """Django makes a cache object per thread: sixteen threads failing at once still log one
    warning, not sixteen."""
    clock = [5000.0]
    monkeypatch.setattr("newsroom.cache_backends.time.monotonic", lambda: clock[0])
    with caplog.at_level(logging.WARNING, logger="newsroom.cache_backends"):
        for _ in range(16):
            assert caches.create_connection("default").get("key") is None
            clock[0] += 1
    warnings = [r for r in caplog.records if r.name == "newsroom.cache_backends"]
    assert len(warnings) == 1
