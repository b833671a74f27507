import datetime

from django.core.cache import caches

import pytest

from articles.blocks import QuoteBlock
from newsroom.models import HomePage
from statistics.models import PoliceForce
from tests.editorial import staff
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
    FigureFactory,
    MeasureFactory,
)


def run_order(item) -> int:
    """Transactional tests end by emptying the database (serialized rollback puts back only
    what the migrations made), so they run after the others; live-server tests run last of
    all, because a request the browser left in flight can still hold the shared SQLite
    connection when the next test starts."""
    if "live_server" in getattr(item, "fixturenames", ()):
        return 2
    if "transactional_db" in getattr(item, "fixturenames", ()):
        return 1
    marker = item.get_closest_marker("django_db")
    return int(bool(marker and marker.kwargs.get("transaction")))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-randomly has shuffled the tests: ordinary, then transactional, then
    live-server tests, each group still in random order (a stable sort). Every xdist
    worker, given the same seed, collects the same order."""
    items.sort(key=run_order)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: site-wide lookups, listing counts, sitemaps, and
    renditions (kept apart, in each process's memory)."""
    for each in caches.all(initialized_only=True):
        each.clear()


@pytest.fixture
def home(db):
    """The site root, created by the newsroom migrations."""
    return HomePage.objects.get()


@pytest.fixture
def news_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def wiltshire(db):
    """A police force seeded by the statistics migrations."""
    return PoliceForce.objects.get(slug="wiltshire")


@pytest.fixture
def hampshire(db):
    return PoliceForce.objects.get(slug="hampshire")


@pytest.fixture
def offences(wiltshire, hampshire):
    """The reference story's measure and four figures."""
    measure = MeasureFactory(name="Online child sex offences recorded", slug="online-offences")
    for force, period, value in [
        (wiltshire, "2018/19", 77),
        (wiltshire, "2019/20", 63),
        (hampshire, "2018/19", 131),
        (hampshire, "2019/20", 247),
    ]:
        FigureFactory(measure=measure, force=force, period=period, value=value)
    return measure


@pytest.fixture
def story(news_index, wiltshire):
    """A published story with a byline, a date, a topic and an area."""
    return ArticlePageFactory(
        parent=news_index,
        title="Figures released",
        slug="figures-released",
        standfirst="Forces released their figures.",
        publish_date=datetime.date(2020, 9, 3),
        authors=[AuthorFactory(name="Faye Tryhorn")],
        topics=["crime"],
        areas=[wiltshire],
    )


@pytest.fixture
def reporter(db):
    return staff("Reporters")


@pytest.fixture
def editor(db):
    return staff("Editors")


@pytest.fixture
def helpline_staff(db):
    return staff("Helpline staff", "harriet")


@pytest.fixture
def reporter_client(client, reporter):
    """The test client, signed in as the reporter."""
    client.force_login(reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    """The test client, signed in as the editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def helpline_staff_client(client, helpline_staff):
    """The test client, signed in as helpline staff."""
    client.force_login(helpline_staff)
    return client


@pytest.fixture
def unsourced_quotes_fail(monkeypatch):
    """Stand-in for the statistics and helpline blocks: a quote by "Anonymous" fails the
    guard rails, through the same `get_publish_errors` contract those blocks implement."""

    def get_publish_errors(self, value):
        if value["speaker"] == "Anonymous":
            return ["The quote by Anonymous has no named source."]
        return []

    monkeypatch.setattr(QuoteBlock, "get_publish_errors", get_publish_errors, raising=False)
