"""The task worker as production runs it, for the exactly-once test and `make bench-alerts`:
`manage.py db_worker` with the production settings and the database task queue, on its own
database (a SQLite file, or a PostgreSQL database beside DATABASE_URL's), sending through a
real SMTP server in this process."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from tests.alerts import smtp

ROOT = Path(__file__).resolve().parents[2]

# Run by `manage.py shell`: `count` confirmed followers of Wiltshire, and a news index.
FOLLOWERS = """
from django.utils import timezone
from wagtail.models import Page
from alerts.models import Follow, Subscriber, Subscription
from articles.models import ArticleIndexPage
from statistics.models import PoliceForce

wiltshire = PoliceForce.objects.get(slug="wiltshire")
now = timezone.now()
people = Subscriber.objects.bulk_create(
    [Subscriber(email=f"reader{n}@example.com") for n in range(__COUNT__)], batch_size=1000
)
Subscription.objects.bulk_create(
    [Subscription(subscriber=p, follow=Follow.AREA, force=wiltshire, confirmed_at=now)
     for p in people],
    batch_size=1000,
)
Page.objects.get(depth=2).add_child(instance=ArticleIndexPage(title="News", slug="news"))
"""

# Publish a story about Wiltshire as the admin does; prints when it was published.
PUBLISH = """
import time
from statistics.models import PoliceForce
from articles.models import ArticleIndexPage, ArticlePage

story = ArticleIndexPage.objects.get().add_child(instance=ArticlePage(
    title="Knife crime falls in Wiltshire", slug="knife-crime", live=False,
    standfirst="Recorded offences fell by a fifth.", body=[],
))
story.areas = [PoliceForce.objects.get(slug="wiltshire")]
story.save()
print(time.time())
story.save_revision().publish()
"""


def _postgres(statement: str) -> None:
    parts = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        db.execute(statement)


def database_url(folder: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{folder / 'worker.sqlite3'}"
    parts = urlsplit(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one database per test process
    name = f"{parts.path.lstrip('/')}_alert_worker_{worker}"
    _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _postgres(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


class WorkerStack:
    def __init__(self, folder: Path, *, lease_seconds: int):
        self.handler = smtp.Handler()
        self.controller = smtp.start(self.handler)
        keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
        self.env = {name: value for name, value in os.environ.items() if name in keep}
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "SECRET_KEY": "alert-worker-" + "x" * 50,
            "SITE_URL": "http://127.0.0.1:8999",
            "DATABASE_URL": database_url(folder),
            "CACHE_DIR": str(folder / "cache"),
            "EMAIL_URL": f"smtp://127.0.0.1:{self.controller.port}?tls=false",
            "ALERTS_LEASE_SECONDS": str(lease_seconds),
            "LOG_LEVEL": "WARNING",
        }
        self.manage("migrate", "--no-input", "-v", "0")

    def manage(self, *args) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code: str, count: int = 0) -> str:
        return self.manage("shell", "-c", code.replace("__COUNT__", str(count)))

    def start_worker(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def publish(self) -> float:
        """Publish the story; when it was published (time.time())."""
        return float(self.shell(PUBLISH).split()[-1])

    def statuses(self) -> str:
        return self.shell(
            "from alerts.models import Delivery; from collections import Counter; "
            "print(dict(Counter(Delivery.objects.values_list('status', flat=True))))"
        ).splitlines()[-1]

    def close(self):
        self.controller.stop()
        url = self.env["DATABASE_URL"]
        if url.startswith("postgres"):
            _postgres(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
