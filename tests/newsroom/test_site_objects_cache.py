"""Site-wide objects (here the published helplines, whose emergency number every footer
shows) are kept in each process between requests, and read again once anything of them
changes, in this process or another."""

from django.core.cache import caches
from django.db import transaction

import pytest

from contacts.models import PUBLISHED_KEY, HelplineKind, published_helplines
from newsroom.cache_backends import SiteObjectsCache
from tests.factories import HelplineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency(db):
    return HelplineFactory(kind=HelplineKind.EMERGENCY, number="0300 123 1113")


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys read from the shared cache, in order."""
    shared, keys = caches["default"], []
    read = shared.get

    def get(key, *args, **kwargs):
        keys.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", get)
    return keys


@pytest.fixture
def warm(client, story, emergency, shared_reads):
    """Two first pages: the first makes the site's settings row (read the first time), a
    change like any other, so the second reads everything again and keeps it."""
    for _ in range(2):
        footer_number(client, story)
    shared_reads.clear()


def footer_number(client, story) -> str:
    html = client.get(story.url).content.decode()
    return html.split("If someone is in immediate danger, call")[1].split("</a>")[0]


def test_a_process_keeps_them_between_requests(client, story, warm, shared_reads):
    for _ in range(3):
        assert "0300 123 1113" in footer_number(client, story)
    assert shared_reads.count(PUBLISHED_KEY) == 0
    assert shared_reads.count(SiteObjectsCache.VERSION_KEY) == 3  # once per request


def test_a_change_saved_here_shows_on_the_next_page(client, story, emergency, warm):
    emergency.number = "0300 123 2222"
    emergency.save_revision().publish()
    assert "0300 123 2222" in footer_number(client, story)


def test_a_change_another_process_made_shows_on_the_next_page(client, story, emergency, warm):
    # What the other process's save did: the row, then the shared cache (its key forgotten,
    # a new version); this process kept the old list in memory.
    type(emergency).objects.filter(pk=emergency.pk).update(number="0300 123 3333")
    caches["default"].set(PUBLISHED_KEY, list(type(emergency).objects.all()))
    assert "0300 123 1113" in footer_number(client, story)  # still the version it kept
    caches["default"].set(SiteObjectsCache.VERSION_KEY, "another process's")
    assert "0300 123 3333" in footer_number(client, story)


def test_outside_a_request_each_read_asks_the_shared_cache(emergency, shared_reads):
    assert published_helplines() == [emergency]
    shared_reads.clear()
    assert published_helplines() == published_helplines() == [emergency]
    assert shared_reads.count(PUBLISHED_KEY) == 2


@pytest.fixture
def version_writes(monkeypatch):
    """How many times a new site-objects version is written to the shared cache."""
    shared, writes = caches["default"], []
    write = shared.set

    def set(key, *args, **kwargs):
        if key == SiteObjectsCache.VERSION_KEY:
            writes.append(key)
        return write(key, *args, **kwargs)

    monkeypatch.setattr(shared, "set", set)
    return writes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forgetting_outside_a_transaction_writes_one_new_version(version_writes):
    caches["site_objects"].delete(PUBLISHED_KEY)
    assert len(version_writes) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forgetting_in_a_transaction_writes_a_new_version_again_at_its_commit(version_writes):
    with transaction.atomic():
        caches["site_objects"].delete(PUBLISHED_KEY)
        assert len(version_writes) == 1
    assert len(version_writes) == 2
