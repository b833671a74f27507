"""The one place that relies on Wagtail behaviour it does not document as public API.

Wagtail finds a request's `Site` in `Site.find_for_request`, with a query or two on every
request, and keeps the answer on the request. `newsroom/middleware.py` serves the site from
the cache instead, and must hand it to Wagtail so that Wagtail's own code (routing,
`pageurl`, site settings) finds it without a query: no public API does that, so it is done
here, and `tests/newsroom/test_wagtail_internals.py` fails if a Wagtail release changes it.
Everything else in the project uses Wagtail's public API (`docs/architecture.md`).
"""

from wagtail.models import Site


def remember_site(request, site: Site | None) -> None:
    """From now on `Site.find_for_request(request)` answers `site`, without a query."""
    request._wagtail_site = site
