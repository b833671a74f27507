"""A throwaway database for a benchmark: created, migrated, and dropped afterwards."""

import contextlib
import os

import django


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    django.setup()


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
