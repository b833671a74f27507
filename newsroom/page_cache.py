"""Whole public pages kept in Django's cache, and dropped exactly when what they show changes.

`PageCacheMiddleware` serves anonymous GET and HEAD requests for public pages from the
`default` cache (Redis, shared by every app server, in production), marks them
`Cache-Control: public` for browsers and shared caches (Varnish, a CDN), gives them an
`ETag` and `Last-Modified`, and answers conditional GETs with 304. `X-Page-Cache` says
`hit` or `miss`. Search results are pages like any other, kept per query until a story is
published or withdrawn (`newsroom.purge` drops /search/ with every listing). Never cached: a
request with a session cookie (signed-in staff, whose pages carry Wagtail's user bar and are
marked `private` so no shared cache keeps them), anything under the admin, an unknown query
parameter, a response that is not a 200 or that sets a cookie or says `private`/`no-store`.

Concurrent misses of one page render it once: the first takes a lock in the cache, the
others wait up to `WAIT_SECONDS` for its copy (then render themselves), so a slow page does
not render nine times at once when it expires.

Entries are not deleted one by one: each path has a generation number in the cache (and
the whole site one more), and purging a path bumps its number, which drops the page with
every `?page=` of it at once. `PageCachePurgeBackend` is a Wagtail frontend-cache backend,
so Wagtail's own purges, and ours (`newsroom.purge`), reach this cache the same way as they
reach Varnish or a CDN.
"""

import hashlib
import time
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

HEADER = "X-Page-Cache"
EVERYTHING = "/*"  # the path that purges every page
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz", "/readyz")
# Query parameters that choose what a page shows (the search page's query too); marketing
# tags are ignored; any other parameter (cache-busting) is answered uncached.
PAGE_PARAMETERS = {"page"}
SEARCH_PARAMETERS = {"q"}
IGNORED_PARAMETERS = {"fbclid", "gclid"}
# A render holds its page's lock this long at most; the others wait this long for its copy.
LOCK_SECONDS = 30
WAIT_SECONDS = 5
POLL_SECONDS = 0.05


def _digest(data: str | bytes) -> str:
    data = data.encode() if isinstance(data, str) else data
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _generation_key(path: str) -> str:
    return f"page-generation:{_digest(path)}"


def purge_path(path: str) -> None:
    """Drop every cached version of `path` (`EVERYTHING` for the whole site)."""
    cache.set(_generation_key(path), time.time_ns(), timeout=None)


def _parameters(request) -> set[str]:
    if request.path == reverse("search"):
        return PAGE_PARAMETERS | SEARCH_PARAMETERS
    return PAGE_PARAMETERS


def _page_key(request, generations: dict) -> str:
    """The host, the path and the parameters that choose what the page shows, each encoded,
    so no crafted value can make one URL's key another's (`?page=1%26q%3Dx` is not
    `?q=x&page=1`). Names are sorted; a name's values keep their order, as views read the
    last."""
    everything = generations.get(_generation_key(EVERYTHING), 0)
    this = generations.get(_generation_key(request.path), 0)
    parameters = _parameters(request)
    query = urlencode(
        [
            (name, value)
            for name in sorted(request.GET)
            if name in parameters
            for value in request.GET.getlist(name)
        ]
    )
    address = f"{request.get_host()}{quote(request.path)}?{query}"
    return f"page:{everything}:{this}:{_digest(address)}"


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and all(
            name in _parameters(request) or name in IGNORED_PARAMETERS or name.startswith("utm_")
            for name in request.GET
        )
    )


def _signed_in(request) -> bool:
    """Whether the request came from (or just signed in) a member of staff. Only the session
    holds a sign-in, so without one (no session cookie, nothing stored during the request)
    the user is not looked up at all: a reader's request never reads the session."""
    session = getattr(request, "session", None)
    if session is None or not (session.modified or settings.SESSION_COOKIE_NAME in request.COOKIES):
        return False  # none sent, none begun (asked first: is_empty() raises to say so)
    if session.is_empty():
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def _public_headers(response) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
        s_maxage=settings.PAGE_CACHE_SECONDS,
    )


def _lock_key(key: str) -> str:
    return f"{key}:rendering"


def _wait_for_render(key: str) -> tuple:
    """(the page another request rendered meanwhile, or None; whether this one holds the
    lock and renders). A cache that cannot hold the lock (Redis down) makes no one wait."""
    if cache.add(_lock_key(key), 1, timeout=LOCK_SECONDS):
        return None, True
    deadline = time.monotonic() + WAIT_SECONDS
    while cache.get(_lock_key(key)) is not None and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        stored = cache.get(key)
        if stored is not None:
            return stored, False
    return cache.get(key), False


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if _signed_in(request):
                patch_cache_control(response, private=True)
            return response
        generations = cache.get_many([_generation_key(EVERYTHING), _generation_key(request.path)])
        key = _page_key(request, generations)
        stored = cache.get(key)
        locked = False
        if stored is None:
            stored, locked = _wait_for_render(key)
        if stored is not None:
            response = self._rebuild(stored)
            response[HEADER] = "hit"
        else:
            try:
                response = self.get_response(request)
                if not _cacheable_response(response):
                    return response
                response["ETag"] = f'"{_digest(response.content)}"'
                response.setdefault("Last-Modified", http_date())
                cache.set(key, self._store(response), timeout=settings.PAGE_CACHE_SECONDS)
            finally:
                if locked:
                    cache.delete(_lock_key(key))
            response[HEADER] = "miss"
        _public_headers(response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )

    @staticmethod
    def _store(response) -> tuple:
        """What a hit needs: status, headers (no cookies: such responses are not stored), body."""
        return response.status_code, dict(response.items()), response.content

    @staticmethod
    def _rebuild(stored) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        return response


class PageCachePurgeBackend(BaseBackend):
    """Wagtail frontend-cache backend for the page cache above: purging a URL drops its path."""

    def purge(self, url):
        purge_path(urlsplit(url).path or "/")
