"""A throwaway database for a benchmark: created, migrated, and dropped afterwards."""

import contextlib
import os
import tempfile

import django


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    django.setup()


def production_settings(redis_db: int = 14) -> None:
    """Production settings on this machine, before `setup()`: Redis (its own database, which
    the benchmark may flush) as the cache, the page cache on; the caller
    runs collectstatic into a folder of its own."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)
    os.environ.setdefault("SITE_URL", "http://testserver")
    os.environ.setdefault("REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}")
    os.environ.setdefault("PAGE_CACHE_SECONDS", "600")
    os.environ.setdefault("STATIC_ROOT", os.path.join(tempfile.gettempdir(), "newsroom-bench"))


@contextlib.contextmanager
def throwaway_database(name):
    """A fresh, migrated copy of the configured database, named after the benchmark so it
    never clobbers a test database."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor != "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_{name}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
