"""Writes that follow a change to a helpline."""

from django.conf import settings
from django.db import transaction

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

from .models import Helpline
from .selectors import pages_showing_helpline


def purge_pages_showing(helpline: Helpline) -> None:
    """Ask the cache in front of pages, when one is configured, to drop every page that shows
    `helpline`. The pages are found now (before a deletion removes what points to them) and
    purged after the commit, so the cache cannot refetch a page that is not yet changed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    pages = pages_showing_helpline(helpline)
    if pages:
        transaction.on_commit(lambda: purge_pages_from_cache(pages))
