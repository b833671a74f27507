"""SQLite (`make run`) with writers at once: each write transaction takes the lock when it
begins and waits for it, so concurrent writers queue instead of failing "database is
locked" (as "Approve and Publish" did while another tab's editing ping wrote)."""

import threading
import time

from django.conf import settings
from django.db import OperationalError, connections, transaction

import pytest

pytestmark = pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's locking only"
)

WRITERS, WRITES = 4, 5


@pytest.fixture
def database_file(tmp_path, django_db_blocker):
    """A file database of our own (the test database is in memory), with one counter."""
    aliases = []

    def make(options):
        alias = f"writers-{tmp_path.name}-{len(aliases)}"
        connections.settings[alias] = {
            **connections["default"].settings_dict,
            "NAME": str(tmp_path / f"{alias}.sqlite3"),
            "OPTIONS": options,
        }
        aliases.append(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (value INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (0)")
        return alias

    with django_db_blocker.unblock():
        yield make
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def read_then_write(alias, errors, pause=0.01, barrier=None):
    """What a request does in a transaction: read, think, write."""
    try:
        for _ in range(WRITES if barrier is None else 1):
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT value FROM counter")
                value = cursor.fetchone()[0]
                if barrier is not None:
                    barrier.wait(timeout=5)
                time.sleep(pause)
                cursor.execute("UPDATE counter SET value = %s", [value + 1])
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connections[alias].close()


def run(alias, **kwargs):
    errors = []
    threads = [
        threading.Thread(target=read_then_write, args=(alias, errors), kwargs=kwargs)
        for _ in range(kwargs.get("barrier").parties if kwargs.get("barrier") else WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        return cursor.fetchone()[0], errors


def test_the_settings_ask_sqlite_for_immediate_transactions_and_a_busy_timeout():
    options = settings.SQLITE_OPTIONS
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_concurrent_writers_queue_and_every_write_counts(database_file):
    count, errors = run(database_file(settings.SQLITE_OPTIONS))
    assert errors == []
    assert count == WRITERS * WRITES


def test_without_them_two_writers_at_once_fail_with_database_is_locked(database_file):
    """The failure the settings prevent: both read, then both try to write."""
    alias = database_file({"timeout": 20})
    count, errors = run(alias, barrier=threading.Barrier(2))
    assert errors == ["database is locked"]
    assert count == 1
