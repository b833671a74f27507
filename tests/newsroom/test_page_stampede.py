"""Concurrent misses of one page render it once; the others get its copy."""

import threading
import time

from django.http import HttpResponse
from django.test import RequestFactory

import pytest

from newsroom import page_cache
from newsroom.page_cache import PageCacheMiddleware


@pytest.fixture
def slow_page(settings):
    settings.PAGE_CACHE_SECONDS = 600
    renders = []

    def render(request):
        renders.append(request.path)
        time.sleep(0.5)  # a data page of 200,000 figures, shortened
        return HttpResponse("<p>Every figure</p>")

    return PageCacheMiddleware(render), renders


def test_nine_concurrent_misses_render_once(slow_page):
    middleware, renders = slow_page
    responses = []

    def read():
        responses.append(middleware(RequestFactory().get("/statistics/online-offences/")))

    readers = [threading.Thread(target=read) for _ in range(9)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert renders == ["/statistics/online-offences/"]
    assert sorted(r[page_cache.HEADER] for r in responses) == ["hit"] * 8 + ["miss"]
    assert {r.content for r in responses} == {b"<p>Every figure</p>"}


def test_a_failed_render_releases_the_lock(settings):
    settings.PAGE_CACHE_SECONDS = 600

    def broken(request):
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        PageCacheMiddleware(broken)(RequestFactory().get("/news/"))
    started = time.monotonic()
    response = PageCacheMiddleware(lambda request: HttpResponse("News"))(
        RequestFactory().get("/news/")
    )
    assert response.content == b"News"
    assert time.monotonic() - started < 1  # nobody waited for a lock left behind


def test_a_cache_that_cannot_lock_makes_no_one_wait(slow_page, monkeypatch):
    """Redis down: `add` fails and nothing is stored; each request renders at once."""
    middleware, renders = slow_page
    monkeypatch.setattr(page_cache.cache, "add", lambda *args, **kwargs: False)
    started = time.monotonic()
    middleware(RequestFactory().get("/statistics/online-offences/"))
    assert time.monotonic() - started < 1.5
    assert len(renders) == 1
