"""What is kept about a reader, for how long, who sees it, and how a reader sees and
deletes it."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from alerts.models import Follow, Subscriber, Subscription
from tests.alerts.conftest import SITE_URL, subscriber
from tests.editorial import staff

pytestmark = pytest.mark.django_db


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(wiltshire, hampshire):
    subscriber("old@example.com", confirmed=False, follow=Follow.AREA, force=wiltshire)
    subscriber("new@example.com", confirmed=False, follow=Follow.AREA, force=wiltshire)
    kept = subscriber("kept@example.com", follow=Follow.AREA, force=wiltshire)
    subscriber("kept@example.com", confirmed=False, follow=Follow.AREA, force=hampshire)
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Subscription.objects.exclude(subscriber__email="new@example.com").filter(
        confirmed_at=None
    ).update(requested_at=eight_days_ago)
    Subscriber.objects.update(created_at=eight_days_ago)

    call_command("send_alerts", stdout=io.StringIO())

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "kept@example.com",
        "new@example.com",
    ]
    assert [s.force for s in kept.subscriptions.all()] == [wiltshire]


def test_a_reader_sees_all_their_data_by_an_emailed_link_and_deletes_it(
    client, smtp_server, follower, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/alerts/my-data/", {"email": "Reader@Example.com"})
        client.post("/alerts/my-data/", {"email": "stranger@example.com"})

    assert asked.status_code == 200
    [received] = smtp_server.received  # nothing is sent to an address we do not know
    assert received.recipients == ["reader@example.com"]
    link = next(
        w for w in received.part("text/plain").split() if w.startswith(f"{SITE_URL}/alerts/")
    )
    page = client.get(link.removeprefix(SITE_URL))
    text = BeautifulSoup(page.content, "html.parser").get_text(" ")
    assert "reader@example.com" in text
    assert "Stories about Wiltshire" in text
    assert "/news/area/wiltshire/" in text  # where consent was given
    assert "1 January 2026" in text  # and when it was confirmed

    client.post(link.removeprefix(SITE_URL))

    assert not Subscriber.objects.exists()
    assert client.get(link.removeprefix(SITE_URL)).status_code == 400


def test_a_malformed_address_asking_for_data_is_told_so(client, db):
    response = client.post("/alerts/my-data/", {"email": "nope"})

    assert response.status_code == 400
    assert "Enter an email address like name@example.com." in response.content.decode()


def test_editors_see_counts_but_not_addresses(client, follower, editor):
    client.force_login(editor)

    report = client.get("/admin/alerts/")
    listing = client.get("/admin/subscribers/")

    assert report.status_code == 200
    text = BeautifulSoup(report.content, "html.parser").get_text(" ")
    assert "1 confirmed subscriber" in text
    assert "reader@example.com" not in report.content.decode()
    assert listing.status_code == 302  # no permission: sent away


def test_the_subscribers_role_sees_addresses(client, follower):
    client.force_login(staff("Subscribers", "sam"))

    listing = client.get("/admin/subscribers/")

    assert listing.status_code == 200
    assert "reader@example.com" in listing.content.decode()


def test_the_privacy_page_says_what_is_kept(client, db):
    text = BeautifulSoup(client.get("/alerts/privacy/").content, "html.parser").get_text(" ")

    assert "your email address" in text
    assert "deleted" in text
