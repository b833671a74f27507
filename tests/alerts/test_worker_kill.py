"""Exactly once, for real: a `manage.py db_worker` (production settings, the database task
queue, its own database) sends a story's alert to 2,000 subscribers through a real SMTP
server; it is killed with SIGKILL in the middle, started again, and the scheduler's
`send_alerts` resumes the batch it held. Every recipient gets their message once: one
Message-ID each (the one message inside the SMTP call when the worker died may be offered
again, with the same Message-ID)."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.alerts import smtp

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = int(os.environ.get("ALERTS_KILL_RECIPIENTS", "2000"))
LEASE_SECONDS = 3

SET_UP = """
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from alerts.models import Follow, Subscriber, Subscription
from articles.models import ArticleIndexPage, ArticlePage
from statistics.models import PoliceForce

wiltshire = PoliceForce.objects.get(slug="wiltshire")
now = timezone.now()
people = Subscriber.objects.bulk_create(
    [Subscriber(email=f"reader{n}@example.com") for n in range(__COUNT__)]
)
Subscription.objects.bulk_create(
    [Subscription(subscriber=p, follow=Follow.AREA, force=wiltshire, confirmed_at=now)
     for p in people]
)
home = Page.objects.get(depth=2)
news = home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
story = news.add_child(instance=ArticlePage(
    title="Knife crime falls in Wiltshire", slug="knife-crime", live=False,
    standfirst="Recorded offences fell by a fifth.", body=[],
))
story.areas = [wiltshire]
with transaction.atomic():
    story.save_revision().publish()
"""


def database_url(tmp_path) -> str:
    """Its own database: a SQLite file, or a PostgreSQL database beside the test run's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_worker_kill"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def stack(tmp_path):
    handler = smtp.Handler()
    controller = smtp.start(handler)
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "worker-kill-test-" + "x" * 50,
        "SITE_URL": "http://127.0.0.1:8999",
        "DATABASE_URL": database_url(tmp_path),
        "CACHE_DIR": str(tmp_path / "cache"),
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}?tls=false",
        "ALERTS_LEASE_SECONDS": str(LEASE_SECONDS),
        "REQUEST_LOG": "0",
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def worker():
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    manage("migrate", "--no-input", "-v", "0")
    yield handler, manage, worker
    controller.stop()


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}")
        time.sleep(0.05)


def test_a_worker_killed_mid_send_resumes_and_each_recipient_gets_one_message(stack):
    handler, manage, start_worker = stack
    manage("shell", "-c", SET_UP.replace("__COUNT__", str(RECIPIENTS)))

    worker = start_worker()
    try:
        wait_for(lambda: len(handler.received) >= RECIPIENTS // 3, 120, "the first third")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        killed_at = len(handler.received)
        assert killed_at < RECIPIENTS, "the worker finished before it could be killed"

        worker = start_worker()
        deadline = time.monotonic() + 240
        while len(handler.received) < RECIPIENTS:
            assert time.monotonic() < deadline, f"{len(handler.received)} messages in 240 s"
            time.sleep(LEASE_SECONDS)  # the dead worker's lease runs out
            manage("send_alerts")  # what the scheduler runs every minute
        time.sleep(1)  # anything more would arrive now
    finally:
        worker.kill()
        worker.wait()

    message_ids = {}
    for received in handler.received:
        [recipient] = received.recipients
        message_ids.setdefault(recipient, set()).add(received.message["Message-ID"])
    assert sorted(message_ids) == sorted(f"reader{n}@example.com" for n in range(RECIPIENTS))
    assert all(len(ids) == 1 for ids in message_ids.values())
    repeats = Counter(r.recipients[0] for r in handler.received) - Counter(message_ids.keys())
    assert sum(repeats.values()) <= 1, repeats
    statuses = manage(
        "shell",
        "-c",
        "from alerts.models import Delivery; from collections import Counter; "
        "print(dict(Counter(Delivery.objects.values_list('status', flat=True))))",
    ).stdout
    assert statuses.splitlines()[-1] == f"{{'sent': {RECIPIENTS}}}"
