"""The one-machine production cache (diskcache) keeps its SQLite connections between
requests, and still sees what other processes write."""

import sqlite3

from django.core.cache import close_caches

import pytest

from newsroom.cache_backends import DiskCache


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
