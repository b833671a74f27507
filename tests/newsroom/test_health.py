"""/healthz says the process is up; /readyz checks the database, cache and media storage."""

from django.core.cache import cache
from django.db import DatabaseError

import pytest

from statistics import heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_every_part_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
        "worker_heartbeat_seconds": None,  # tests run tasks inline: no worker
    }
    assert "no-cache" in response["Cache-Control"]


def test_readyz_names_the_database_when_it_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"


def test_readyz_reports_how_long_ago_the_task_worker_beat(client, monkeypatch):
    monkeypatch.setattr("statistics.heartbeat.time.time", lambda: 1_000_000.0)
    cache.set(heartbeat.WORKER_KEY, 1_000_000.0 - 12.5)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["worker_heartbeat_seconds"] == 12.5
