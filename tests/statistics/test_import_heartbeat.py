"""A task worker killed mid-import (SIGKILL) leaves its import "Checking": its heartbeat
stops, and within a minute the import is marked failed and can be checked again at once.

A real `manage.py db_worker` on the production settings, with its own SQLite file and file
cache, is killed while it reads a 200,000-row file; a second process then looks at the
import as the progress page does (`fail_if_stopped`).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ROWS = 200_000
KEY = "k" * 20 + "9f3b7c1e5a2d8f4b6c0e7a1d3f5b9c2e4a6d8f0b"

SETUP = f"""
from django.contrib.auth import get_user_model
from statistics.models import ImportStatus, Measure, PendingImport
from statistics.tasks import check_import

user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
Measure.objects.create(name="Online offences", slug="online-offences", unit="incidents")
rows = "".join(f"Wiltshire,online-offences,{{1000 + n}},{{n}}\\n" for n in range({ROWS}))
data = ("force,measure,period,value\\n" + rows).encode()
pending = PendingImport.objects.create(
    uploaded_by=user, file_name="figures.csv", data=data,
    source_publisher="NSPCC", source_title="FOI", source_date="2020-09-03",
    status=ImportStatus.CHECKING,
)
check_import.enqueue(pending.pk)
"""

WATCH = """
import time
from statistics.admin_views import fail_if_stopped, running_import
from statistics.models import PendingImport

while True:
    pending = PendingImport.objects.defer("data").get()
    if fail_if_stopped(pending):
        break
    time.sleep(0.5)
print(time.time())
print(pending.failure)
print(running_import(pending.uploaded_by))
"""


@pytest.fixture
def production(tmp_path):
    """The environment of a production process on a database and cache of its own."""
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "REDIS_URL", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": KEY,
        "SITE_URL": "http://127.0.0.1:9",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "-c", SETUP)
    return env, tmp_path / "db.sqlite3"


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def task_status(database) -> str | None:
    with sqlite3.connect(database, timeout=20) as connection:
        row = connection.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'statistics.tasks.check_import'"
        ).fetchone()
    return row[0] if row else None


def test_a_killed_worker_s_import_is_failed_within_a_minute(production):
    env, database = production
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while task_status(database) != "RUNNING":
            assert time.time() < deadline, "the worker never started the import"
            time.sleep(0.2)
        time.sleep(1)  # into the 200,000 rows
        assert worker.poll() is None, "the import finished before the worker could be killed"
        os.kill(worker.pid, signal.SIGKILL)
        killed_at = time.time()
    finally:
        worker.kill()
        worker.wait()
    watched = manage(env, "shell", "-c", WATCH, timeout=120).stdout.splitlines()[-3:]
    failed_after = float(watched[0]) - killed_at
    print(f"killed import marked failed after {failed_after:.1f} s")
    assert failed_after < 60
    assert watched[1].startswith("The task worker stopped while it was reading this file")
    assert watched[2] == "None"  # the upload page no longer leads back to it: retry at once
