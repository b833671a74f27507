"""Publishing, unpublishing or deleting a helpline purges the pages that show it."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.test import override_settings

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest

from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory, HelplineFactory

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """A frontend cache that remembers what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


CACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
API_PREFIXES = ("/api/", "/embed/", "/republish/")


@pytest.fixture
def purged():
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE=CACHE):
        yield RecordingBackend.purged


@pytest.fixture
def stories(story_with_helplines, news_index):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    hampshire = PoliceForce.objects.get(slug="hampshire")
    mash = HelplineFactory(name="Wiltshire MASH", area=wiltshire, kind="safeguarding")
    childline = HelplineFactory(name="Childline", number="0800 1111")
    return {
        "mash": mash,
        "childline": childline,
        "chosen": story_with_helplines([mash], title="Chooses MASH"),
        "wiltshire": story_with_helplines(mode="areas", areas=[wiltshire], title="In Wiltshire"),
        "hampshire": story_with_helplines(mode="areas", areas=[hampshire], title="In Hampshire"),
        "other": ArticlePageFactory(parent=news_index, title="No helplines"),
        "chooses-childline": story_with_helplines([childline], title="Chooses Childline"),
    }


def urls(*pages):
    return sorted(page.full_url for page in pages)


def pages_purged(purged) -> list[str]:
    """The reader's pages purged; the API's own addresses (lists, story items, embeds,
    republish pages) are declared by the api app and tested in tests/api/."""
    return sorted(url for url in purged if not urlsplit(url).path.startswith(API_PREFIXES))


def test_publishing_a_local_helpline_purges_the_pages_that_show_it(
    stories, purged, django_capture_on_commit_callbacks
):
    mash = stories["mash"]
    mash.number = "+443004560199"
    with django_capture_on_commit_callbacks(execute=True):
        mash.save_revision().publish()
    assert pages_purged(purged) == urls(stories["chosen"], stories["wiltshire"])
    assert any(url.endswith(f"/api/helplines/{mash.pk}/") for url in purged)


def test_a_uk_wide_helpline_purges_every_story_listing_helplines_by_area(
    stories, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stories["childline"].unpublish()
    assert pages_purged(purged) == urls(
        stories["wiltshire"], stories["hampshire"], stories["chooses-childline"]
    )


def test_deleting_a_helpline_purges_the_pages_that_showed_it(
    stories, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stories["mash"].delete()
    assert pages_purged(purged) == urls(stories["chosen"], stories["wiltshire"])


def test_a_saved_draft_purges_nothing(stories, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stories["mash"].save_revision()
    assert purged == []


def frontend_cache_settings(**env):
    """The frontend caches the project starts with, given this environment."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.WAGTAILFRONTENDCACHE))"
    )
    base = {k: v for k, v in os.environ.items() if k != "FRONTEND_CACHE_PURGE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_page_cache_is_always_purged_and_varnish_when_configured():
    assert list(frontend_cache_settings()) == ["pages"]
    configured = frontend_cache_settings(FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081")
    assert configured["http"]["LOCATION"] == "http://varnish.internal:6081"
