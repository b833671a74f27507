"""The Wagtail Site for a request, with its root page, without a query on every page; and the
site-wide objects each request reads, from this process's memory while they are unchanged.

A copy per host and port, its root page already the specific home page, is handed to
Wagtail for the request (`wagtail_internals.remember_site`). Kept as a site-wide object
(`newsroom.cache_backends.SiteObjectsCache`, whose version this middleware reads once per
request), forgotten when a site or the home page changes, and after `OBJECT_CACHE_SECONDS`
in any case.
"""

from django.conf import settings
from django.core.cache import caches
from django.http.request import split_domain_port

from wagtail.models import Site

from .cache_backends import SiteObjectsCache
from .wagtail_internals import remember_site

SITES_KEY = "newsroom:sites"
HEALTH_PATHS = {"/healthz", "/readyz"}


def sites_changed(**kwargs):
    caches["site_objects"].delete(SITES_KEY)


def cached_site(request):
    address = (split_domain_port(request._get_raw_host())[0], request.get_port())
    sites = caches["site_objects"].get(SITES_KEY) or {}
    if address not in sites:
        site = Site.find_for_request(request) or False
        if site:
            site.root_page = site.root_page.specific
        sites = {**sites, address: site}
        caches["site_objects"].set(SITES_KEY, sites, settings.OBJECT_CACHE_SECONDS)
    return sites[address] or None


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Health checks answer without the database (and say when it is down).
        if request.path_info in HEALTH_PATHS:
            return self.get_response(request)
        with SiteObjectsCache.for_request():
            remember_site(request, cached_site(request))
            return self.get_response(request)
