"""Alerts for imported figures, and the daily digest."""

import datetime
import io

from django.core.management import call_command

from wagtail.models import Site

import pytest

from alerts import deliveries, sending, services
from alerts.models import AlertSettings, Delivery, DeliveryStatus, Follow, Frequency
from statistics.importers import FigureImporter, SourceDetails
from statistics.layouts import ImportOptions
from tests.alerts.conftest import SITE_URL, subscriber
from tests.factories import ArticlePageFactory, FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def knife_crime(db):
    return MeasureFactory(name="Knife crime", slug="knife-crime", unit="offences")


def import_csv(text, django_capture_on_commit_callbacks):
    importer = FigureImporter(
        source=SourceDetails(
            publisher="ONS",
            title="Crime in England and Wales",
            date_published=datetime.date(2026, 1, 1),
        ),
        options=ImportOptions(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        return importer.run(io.BytesIO(text.encode()), dry_run=False)


def test_imported_figures_reach_their_followers_with_the_figures_line(
    smtp_server, knife_crime, wiltshire, hampshire, django_capture_on_commit_callbacks
):
    FigureFactory(force=wiltshire, measure=knife_crime, period="2018/19", value=77)
    subscriber("wilts@example.com", follow=Follow.FIGURES, force=wiltshire)
    subscriber("hants@example.com", follow=Follow.FIGURES, force=hampshire, measure=knife_crime)
    subscriber("stories@example.com", follow=Follow.AREA, force=wiltshire)

    report = import_csv(
        "force,measure,period,value\nWiltshire,Knife crime,2019/20,63\n",
        django_capture_on_commit_callbacks,
    )

    assert report.ok, report.as_dict()
    [received] = smtp_server.received
    assert received.recipients == ["wilts@example.com"]
    assert received.message["Subject"] == "New police figures: Knife crime"
    line = "Wiltshire, Knife crime: 63 offences in 2019/20, compared to 77 in 2018/19"
    for part in (received.part("text/plain"), received.part("text/html")):
        assert line in part
        assert f"{SITE_URL}/statistics/knife-crime/" in part


def test_daily_subscribers_get_one_digest_at_the_editors_time(
    smtp_server, news_index, wiltshire, hampshire, django_capture_on_commit_callbacks
):
    subscriber("daily@example.com", frequency=Frequency.DAILY, follow=Follow.AREA, force=wiltshire)
    subscriber("daily@example.com", frequency=Frequency.DAILY, follow=Follow.AREA, force=hampshire)
    for title, force in (("First story", wiltshire), ("Second story", hampshire)):
        story = ArticlePageFactory(
            parent=news_index, title=title, live=False, publish_date=None, areas=[force]
        )
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision().publish()
    assert smtp_server.received == []

    settings = AlertSettings.for_site(Site.objects.get(is_default_site=True))
    settings.digest_time = datetime.time(0, 0)
    settings.save()
    call_command("send_alerts", stdout=io.StringIO())
    call_command("send_alerts", stdout=io.StringIO())  # once a day only

    [received] = smtp_server.received
    assert received.message["Subject"] == "Today's alerts: 2 new"
    text = received.part("text/plain")
    assert "First story" in text and "Second story" in text
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_reader_who_unsubscribes_before_the_send_gets_nothing(
    smtp_server, follower, news_index, wiltshire, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    story = ArticlePageFactory(parent=news_index, live=False, publish_date=None, areas=[wiltshire])
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    deliveries.prepare(story.alert)
    services.unsubscribe(follower, list(follower.subscriptions.values_list("pk", flat=True)))

    sending.deliver(Delivery.objects.all())

    assert smtp_server.received == []
    assert Delivery.objects.get().status == DeliveryStatus.CANCELLED
