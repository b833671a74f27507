"""Print the reference story's render CPU as the production cache fills up.

    python -m benchmarks.cache_growth        # or: make bench-cache (ENTRIES=0,20000,100000)

The production cache on one machine without Redis (diskcache, `newsroom/settings/production.py`)
is filled with page-sized entries, then the reference story is rendered uncached (page cache
off) `RENDERS` times; CPU milliseconds per render are printed per cache size. `CACHE=file`
measures Django's own file cache instead, whose every write lists its whole folder.
"""

import os
import tempfile
import time

from benchmarks.database import setup, throwaway_database

setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from newsroom.demo import REFERENCE_SLUG  # noqa: E402

RENDERS = int(os.environ.get("RENDERS", "40"))
ENTRIES = [int(n) for n in os.environ.get("ENTRIES", "0,20000,100000").split(",")]
VALUE = b"x" * 2_000  # a cached fragment: the count of entries is what matters


def shared_cache(location: str) -> dict:
    if os.environ.get("CACHE") == "file":
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "OPTIONS": {"MAX_ENTRIES": max(ENTRIES) + 1},
        }
    else:
        backend = {"BACKEND": "newsroom.cache_backends.DiskCache", "SHARDS": 4}
    return {**backend, "LOCATION": location, "KEY_PREFIX": settings.CACHE_KEY_PREFIX}


def render_ms(client, path) -> float:
    started = time.process_time()
    response = client.get(path)
    assert response.status_code == 200, path
    return (time.process_time() - started) * 1000


def main():
    with throwaway_database("cache_growth"), tempfile.TemporaryDirectory() as folder:
        caches_setting = {**settings.CACHES, "default": shared_cache(folder)}
        with override_settings(CACHES=caches_setting, PAGE_CACHE_SECONDS=0):
            call_command("load_demo", verbosity=0)
            cache = caches["default"]
            client = Client()
            path = f"/news/{REFERENCE_SLUG}/"
            filled = 0
            for entries in sorted(ENTRIES):
                for n in range(filled, entries):
                    cache.set(f"filler:{n}", VALUE, timeout=3600)
                filled = entries
                render_ms(client, path)  # renditions made, the site cached
                times = sorted(render_ms(client, path) for _ in range(RENDERS))
                p50 = times[len(times) // 2]
                print(f"story_cpu_ms entries={entries} p50={p50:.1f} max={times[-1]:.1f}")


if __name__ == "__main__":
    main()
