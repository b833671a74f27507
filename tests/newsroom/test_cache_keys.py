"""Cache keys that cannot collide, and cannot outlive a deploy: a crafted query string gets its
own page-cache entry, and a key written by another release is never read."""

from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from newsroom import release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def results(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_an_encoded_ampersand_cannot_store_a_page_under_another_querys_key(client, story):
    crafted = client.get("/search/?page=1%26q%3Dfigures")
    assert crafted["X-Page-Cache"] == "miss"
    assert "Figures released" not in results(crafted)  # no query: no results

    real = client.get("/search/?q=figures&page=1")
    assert real["X-Page-Cache"] == "miss"
    assert "Figures released" in results(real)


def test_the_same_path_on_another_host_has_its_own_entry(client, story):
    client.get("/news/", HTTP_HOST="one.example")
    assert client.get("/news/", HTTP_HOST="two.example")["X-Page-Cache"] == "miss"
    assert client.get("/news/", HTTP_HOST="one.example")["X-Page-Cache"] == "hit"


def test_a_key_written_by_another_release_is_never_read():
    shared = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
    with override_settings(
        CACHES={
            "old": {**shared, "KEY_PREFIX": "newsroom:0ld0ld0ld0ld"},
            "new": {**shared, "KEY_PREFIX": settings.CACHE_KEY_PREFIX},
        }
    ):
        caches["old"].set("contacts:published-helplines", ["a pickle of old code"])
        assert caches["old"].get("contacts:published-helplines") is not None
        assert caches["new"].get("contacts:published-helplines") is None


def test_every_configured_cache_key_carries_the_release():
    assert settings.RELEASE in settings.CACHES["default"]["KEY_PREFIX"]


def copy_of_the_code(tmp_path: Path) -> Path:
    for top in release.SOURCES:
        (tmp_path / top).mkdir()
    (tmp_path / "articles" / "models.py").write_text("TITLE = 'Story'\n")
    (tmp_path / "templates" / "base.html").write_text("<html></html>\n")
    return tmp_path


def test_the_release_changes_with_any_change_to_code_or_templates(tmp_path):
    root = copy_of_the_code(tmp_path)
    first = release.code_digest(root)
    assert release.code_digest(root) == first  # the same code: the same release everywhere

    (root / "templates" / "base.html").write_text("<html lang=en></html>\n")
    second = release.code_digest(root)
    assert second != first
    (root / "articles" / "models.py").write_text("TITLE = 'Headline'\n")
    assert release.code_digest(root) not in (first, second)


def test_a_deploy_can_name_its_release(tmp_path, monkeypatch):
    monkeypatch.setenv("RELEASE", "v2026.12.07")
    assert release.current(copy_of_the_code(tmp_path)) == "v2026.12.07"
    monkeypatch.delenv("RELEASE")
    assert release.current(tmp_path) == release.code_digest(tmp_path)
