"""The Wagtail Site for a request, with its root page, from the cache instead of two or three
queries on every page.

A cached copy per host and port, its root page already the specific home page, is handed to
Wagtail for the request (`wagtail_internals.remember_site`). Forgotten (by a new version
number) when a site or the home page changes, and after `OBJECT_CACHE_SECONDS` in any case.
"""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port

from wagtail.models import Site

from .wagtail_internals import remember_site

VERSION_KEY = "newsroom:sites-version"
HEALTH_PATHS = {"/healthz", "/readyz"}


def sites_changed(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def cached_site(request):
    version = cache.get_or_set(VERSION_KEY, 1, None)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"newsroom:site:{version}:{hostname}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request) or False
        if site:
            site.root_page = site.root_page.specific
        cache.set(key, site, settings.OBJECT_CACHE_SECONDS)
    return site or None


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Health checks answer without the database (and say when it is down).
        if request.path_info not in HEALTH_PATHS:
            remember_site(request, cached_site(request))
        return self.get_response(request)
