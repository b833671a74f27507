"""The one-machine production cache (diskcache) keeps its SQLite connections between
requests, and still sees what other processes write; the renditions cache does not store
again what it holds."""

import pickle
import sqlite3
import time

from django.core.cache import close_caches

import pytest

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


def test_a_rendition_written_back_is_not_pickled_again_but_kept_longer(monkeypatch):
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    renditions.set_many({"held": "rendition"}, timeout=600)
    pickled = []
    dumps = pickle.dumps
    monkeypatch.setattr(
        "django.core.cache.backends.locmem.pickle.dumps",
        lambda value, *a, **k: pickled.append(value) or dumps(value, *a, **k),
    )
    clock = [time.time() + 500]
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: clock[0])
    renditions.set_many({"held": "rendition", "new": "other"}, timeout=600)
    assert pickled == ["other"]
    clock[0] += 500  # 1,000 s after the first write, 500 after the write-back
    assert renditions.get("held") == "rendition"
    assert renditions.get("new") == "other"
