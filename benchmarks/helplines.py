"""How the reference story's "How to report" block costs as its helplines grow.

    .venv/bin/python benchmarks/helplines.py [REQUESTS]

Builds a throwaway test database (SQLite, or DATABASE_URL's server), loads the demo, then
renders the reference story with its 3 chosen helplines and again with 30, and the same
story listing helplines by area; prints queries per request and the median time.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


def measure(client, requests):
    client.get(REFERENCE_URL)  # warm: the site root and content types are cached after this
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REFERENCE_URL).status_code == 200
    count = len(queries)  # now: the next request clears the connection's query log
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(REFERENCE_URL)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return count, times[len(times) // 2]


def set_block(story, helplines, mode):
    from contacts.demo import helplines_block

    kind, value = helplines_block(helplines)
    value["mode"] = mode
    if mode == "areas":
        value["helplines"] = []
    body = [{"type": b["type"], "value": b["value"]} for b in story.body.raw_data[:-1]]
    story.body = [*body, {"type": kind, "value": value}]
    story.save_revision().publish()


def main(requests):
    from contacts.models import Helpline
    from newsroom import demo
    from statistics.models import PoliceForce

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        story = demo.load()
        three = list(Helpline.objects.order_by("pk"))
        wiltshire = PoliceForce.objects.get(slug="wiltshire")
        extra = []
        for n in range(27):
            helpline = Helpline(
                name=f"Bench line {n}",
                number="0300 456 0108",
                kind="support",
                when_to_call="Any time.",
                area=wiltshire,
            )
            helpline.save()
            helpline.save_revision().publish()
            extra.append(helpline)
        client = Client()
        print(f"{'block':<28}{'helplines':>10}{'queries':>9}{'median ms':>11}")
        for label, helplines, mode in [
            ("chosen", three, "chosen"),
            ("chosen", three + extra, "chosen"),
            ("by area (Wiltshire, Hants)", None, "areas"),
        ]:
            set_block(story, helplines or three, mode)
            story = type(story).objects.get(pk=story.pk)
            queries, median = measure(client, requests)
            shown = (
                len(helplines) if helplines else Helpline.objects.for_areas([wiltshire.pk]).count()
            )
            print(f"{label:<28}{shown:>10}{queries:>9}{median:>11.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
