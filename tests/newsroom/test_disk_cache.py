"""The one-machine production cache (diskcache) keeps its SQLite connections between
requests, and still sees what other processes write; the renditions cache keeps renditions
as objects, without storing again what it holds, and gives each read its own."""

import sqlite3
import time

from django.core.cache import close_caches
from django.core.files.storage import FileSystemStorage

import pytest

from images.models import Picture, Rendition
from newsroom.cache_backends import DiskCache, RenditionsCache


@pytest.fixture
def connects(monkeypatch):
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k))
    return opened


def test_the_end_of_a_request_leaves_its_connections_open(tmp_path, connects):
    cache = DiskCache(str(tmp_path), {"SHARDS": 4})
    cache.set("story", "rendered")
    opened = len(connects)
    for _ in range(3):
        cache.close()  # what Django does for every cache at the end of each request
        close_caches()
        assert cache.get("story") == "rendered"
    assert len(connects) == opened


def test_what_another_process_writes_is_read_at_once(tmp_path):
    app_server, task_worker = (DiskCache(str(tmp_path), {"SHARDS": 4}) for _ in range(2))
    app_server.set("page-generation", 1)
    assert app_server.get("page-generation") == 1
    task_worker.set("page-generation", 2)
    app_server.close()
    assert app_server.get("page-generation") == 2


def picture(alt: str = "") -> Picture:
    return Picture(title="Chart", description=alt, collection_id=1)  # no database here


def rendition(spec: str, picture: Picture) -> Rendition:
    rendition = Rendition(filter_spec=spec, width=480, height=270, file=f"images/{spec}.jpg")
    rendition.image = picture
    return rendition


@pytest.fixture
def no_pickling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickled")

    monkeypatch.setattr("django.core.cache.backends.locmem.pickle.dumps", refuse)
    monkeypatch.setattr("django.core.cache.backends.locmem.pickle.loads", refuse)


def test_a_rendition_written_back_is_not_stored_again_but_kept_longer(monkeypatch, no_pickling):
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    chart = picture()
    renditions.set_many({"held": rendition("width-480", chart)}, timeout=600)
    clock = [time.time() + 500]
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: clock[0])
    renditions.set_many(
        {"held": rendition("width-720", chart), "new": rendition("width-960", chart)},
        timeout=600,
    )
    clock[0] += 500  # 1,000 s after the first write, 500 after the write-back
    assert renditions.get("held").filter_spec == "width-480"
    assert renditions.get("new").filter_spec == "width-960"


def test_each_read_of_a_rendition_is_its_own(no_pickling):
    """Wagtail gives a rendition read from the cache the picture it was asked through, with
    that use's alt text: two pages (or threads) reading one rendition must not share it."""
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    renditions.set("hero", rendition("width-480", picture("A chart.")))
    first = renditions.get("hero")
    first.image = picture("Another page's alt text.")
    first.width = 1
    again = renditions.get("hero")
    assert (again.alt, again.width, again.url) == ("A chart.", 480, "/media/images/width-480.jpg")


def test_a_kept_rendition_asks_the_storage_for_its_url_once(monkeypatch):
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    made = rendition("width-480", picture("A chart."))
    renditions.set("hero", made)
    assert made.url == "/media/images/width-480.jpg"  # the page that made it shows it
    asked = []
    monkeypatch.setattr(FileSystemStorage, "url", lambda storage, name: asked.append(name))
    urls = {renditions.get("hero").url for _ in range(3)}
    assert (urls, asked) == ({"/media/images/width-480.jpg"}, [])
