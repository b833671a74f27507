"""Benchmark, not a test: one measure with FIGURES figures (200,000 by default); the time,
size and memory of its data page and its CSV and JSON downloads, each asked once uncached.

`make bench-data-page` (FIGURES=, DATABASE_URL for PostgreSQL). Run from another checkout's
folder (`cd ../other && python /path/to/benchmarks/data_page.py`) to measure that code:
the project is imported from the current folder. "memory" is how far the process's
resident memory rose above what it held before the request.
"""

import os
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

FIGURES = int(os.environ.get("FIGURES", "200000"))


def rss_mb(field) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fill(count):
    from statistics.models import Figure, Measure, PoliceForce, Source
    from statistics.periods import period_sort_key

    measure = Measure.objects.create(name="Benchmark offences", slug="bench", unit="incidents")
    source = Source.objects.create(
        publisher="NSPCC", title="Benchmark", date_published="2020-09-03"
    )
    forces = list(PoliceForce.objects.all())
    batch = []
    for n in range(count):
        year, force = divmod(n, len(forces))
        period = str(1000 + year)
        batch.append(
            Figure(
                force=forces[force],
                measure=measure,
                period=period,
                period_key=period_sort_key(period),
                value=(n * 7919) % 100_000,
                source=source,
            )
        )
        if len(batch) == 10_000:
            Figure.objects.bulk_create(batch)
            batch = []
    Figure.objects.bulk_create(batch)


def ask(client, url):
    """Seconds, bytes and the rise in resident memory for one GET of `url`."""
    before = rss_mb("VmRSS")
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    seconds = time.perf_counter() - started
    return response.status_code, seconds, size, rss_mb("VmHWM") - before


def main():
    settings.DEBUG = False
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    started = time.perf_counter()
    fill(FIGURES)
    print(f"{FIGURES:,} figures for one measure in {time.perf_counter() - started:.1f} s")
    client = Client()
    for url in ["/statistics/bench/", "/statistics/bench.csv", "/statistics/bench.json"]:
        status, seconds, size, memory = ask(client, url)
        print(f"{url:26} {status}  {seconds:6.2f} s  {size / 1e6:7.2f} MB  +{memory:.0f} MB")


if __name__ == "__main__":
    main()
