"""`SITE_URL`, the public address, wherever the site names itself.

Two places decide what address a page gives for itself and other pages: Wagtail's default
`Site` (its hostname and port make `full_url`, the page sitemap) and the request (`Host` and
scheme make `build_absolute_uri`: canonicals, Open Graph, JSON-LD, feeds, robots.txt). Behind
a proxy, a load balancer's health check or a mistyped alias, the request's `Host` is not the
public address. So the default Site follows `SITE_URL` after every `migrate` (and in
`load_demo`), and `SiteURLMiddleware` answers every request as if it came to `SITE_URL`,
after Django has checked the real `Host` against `ALLOWED_HOSTS`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url: str) -> tuple[str, str, int]:
    """(scheme, hostname, port) of `url`, the port filled in from the scheme."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"SITE_URL must look like https://news.example.org, not {url!r}.")
    return parts.scheme, parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def apply_site_url(**kwargs) -> Site | None:
    """Point the default Site at `SITE_URL` (nothing to do when it is not set)."""
    if not settings.SITE_URL:
        return None
    _scheme, hostname, port = site_address(settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        Site.clear_site_root_paths_cache()
    return site


class SiteURLMiddleware:
    """Every request answered as if it came to `SITE_URL`, once its own Host has passed
    `ALLOWED_HOSTS`. A Host that passed is remembered (a few per process, forgotten when a
    setting changes): Django's check runs a long pattern over it, which cost a thirtieth of
    a health check, and a site is asked under one or two names."""

    REMEMBERED_HOSTS = 8

    def __init__(self, get_response):
        self.get_response = get_response
        self.address = None
        if settings.SITE_URL:
            scheme, hostname, port = site_address(settings.SITE_URL)
            netloc = hostname if port == DEFAULT_PORTS[scheme] else f"{hostname}:{port}"
            self.address = (scheme, netloc)
        self.allowed_hosts = set()
        setting_changed.connect(self._forget_hosts)

    def _forget_hosts(self, **kwargs):
        self.allowed_hosts = set()

    def check_host(self, request):
        """Raise DisallowedHost, as Django would, for a Host outside `ALLOWED_HOSTS`."""
        meta = request.META
        host = (meta.get("HTTP_HOST"), meta.get("HTTP_X_FORWARDED_HOST"))
        if host not in self.allowed_hosts:
            request.get_host()
            if host[0] and len(self.allowed_hosts) < self.REMEMBERED_HOSTS:
                self.allowed_hosts.add(host)

    def __call__(self, request):
        if self.address:
            self.check_host(request)
            scheme, netloc = self.address
            request.META["HTTP_HOST"] = netloc
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
            if scheme == "https" and not request.is_secure():
                # Links and feeds say https even for a request that reached us over http
                # (TLS ended before the proxy, a health check): SSL redirect has run already.
                request.META["wsgi.url_scheme"] = "https"
                if settings.SECURE_PROXY_SSL_HEADER:
                    header, value = settings.SECURE_PROXY_SSL_HEADER
                    request.META[header] = value
        return self.get_response(request)
