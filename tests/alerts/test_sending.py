"""Alerts for a published story, through a real SMTP server: who gets one, what it says,
its headers, exactly once, retries and failures."""

import datetime
import io
import smtplib

from django.core.management import call_command
from django.utils import timezone

import pytest

from alerts import deliveries, sending
from alerts.models import Alert, Delivery, DeliveryStatus, Follow
from tests.alerts.conftest import SITE_URL, subscriber
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(news_index, wiltshire, django_capture_on_commit_callbacks):
    """Publish a new story about Wiltshire the way the admin does (a revision), running
    what waits for the commit (the task backend runs tasks inline)."""

    def publish_story(**fields):
        fields = {
            "title": "Knife crime falls in Wiltshire",
            "standfirst": "Recorded offences fell by a fifth.",
            "areas": [wiltshire],
            "publish_date": None,
            **fields,
        }
        story = ArticlePageFactory(parent=news_index, live=False, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision().publish()
        return story

    return publish_story


def test_a_follower_gets_one_message_with_both_parts_and_rfc_8058_headers(
    smtp_server, follower, publish
):
    story = publish()

    [received] = smtp_server.received
    message = received.message
    assert received.recipients == ["reader@example.com"]
    assert message["Subject"] == "Knife crime falls in Wiltshire"
    assert message["From"] == "Newsroom alerts <alerts@news.example.org>"
    assert message["Date"]
    assert message["Message-ID"].endswith("@news.example.org>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = received.unsubscribe_url
    assert unsubscribe.startswith(f"{SITE_URL}/alerts/unsubscribe/")
    text, html = received.part("text/plain"), received.part("text/html")
    story_url = f"{SITE_URL}{story.url}"
    for part in (text, html):
        assert "Knife crime falls in Wiltshire" in part
        assert "Recorded offences fell by a fifth." in part
        assert story_url in part
        assert unsubscribe in part
        assert "Stories about Wiltshire" in part
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_only_confirmed_followers_of_the_story_get_it(smtp_server, publish, wiltshire, hampshire):
    subscriber("wiltshire@example.com", follow=Follow.AREA, force=wiltshire)
    subscriber("unconfirmed@example.com", confirmed=False, follow=Follow.AREA, force=wiltshire)
    subscriber("hampshire@example.com", follow=Follow.AREA, force=hampshire)

    publish()

    assert [r.recipients for r in smtp_server.received] == [["wiltshire@example.com"]]


def test_a_reader_following_area_topic_and_author_gets_one_message(smtp_server, publish, wiltshire):
    author = AuthorFactory(name="Faye Tryhorn", slug="faye-tryhorn")
    person = subscriber("all@example.com", follow=Follow.AREA, force=wiltshire)
    subscriber("all@example.com", follow=Follow.AUTHOR, author=author)

    publish(authors=[author], topics=["knife crime"])

    [received] = smtp_server.received
    assert "Stories about Wiltshire; Stories by Faye Tryhorn" in received.part("text/plain")
    assert Delivery.objects.get().subscriber == person


def test_republishing_or_a_back_dated_story_sends_nothing_more(
    smtp_server, follower, publish, django_capture_on_commit_callbacks
):
    story = publish()
    story.title = "Knife crime falls in Wiltshire, again"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    publish(title="An old story", slug="old", publish_date=datetime.date(2020, 1, 1))

    assert len(smtp_server.received) == 1
    assert Alert.objects.count() == 1


def test_one_click_unsubscribe_deletes_the_subscription_and_the_address(
    smtp_server, follower, publish, client
):
    publish()
    url = smtp_server.received[0].unsubscribe_url

    response = client.post(
        url.removeprefix(SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not client.cookies
    assert not type(follower).objects.exists()
    # The link again, or tampered with: a clear page, never an error.
    assert client.post(url.removeprefix(SITE_URL)).status_code == 200
    tampered = client.get(url.removeprefix(SITE_URL)[:-3] + "x/")
    assert tampered.status_code == 400
    assert "This link is not valid" in tampered.content.decode()


def test_unsubscribe_page_asks_before_deleting(smtp_server, follower, publish, client):
    publish()
    path = smtp_server.received[0].unsubscribe_url.removeprefix(SITE_URL)

    page = client.get(path)

    assert "Stories about Wiltshire" in page.content.decode()
    assert type(follower).objects.exists()


def test_a_worker_that_died_mid_batch_is_resumed_without_sending_twice(
    smtp_server, publish, wiltshire, settings
):
    """Half a batch sent and recorded, then the worker died: its claim's lease runs out
    and another worker sends the rest, once each."""
    for n in range(6):
        subscriber(f"reader{n}@example.com", follow=Follow.AREA, force=wiltshire)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    publish()
    deliveries.prepare(Alert.objects.get())
    batch, until = sending.claim(Delivery.objects.all())
    sending.send(batch[:3], until)  # then killed: three left `sending`
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 3

    sending.deliver(Delivery.objects.all())  # another worker, while the lease holds
    assert len(smtp_server.received) == 3
    Delivery.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    sending.deliver(Delivery.objects.all())

    recipients = sorted(r.recipients[0] for r in smtp_server.received)
    assert recipients == [f"reader{n}@example.com" for n in range(6)]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_an_smtp_failure_is_retried_with_backoff_then_shown_as_failed(
    smtp_server, follower, publish, settings
):
    smtp_server.failing = True
    publish()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.QUEUED, 1)
    assert "451" in delivery.error
    first_wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < first_wait <= datetime.timedelta(seconds=60)

    for attempt in range(2, sending.MAX_ATTEMPTS + 1):
        Delivery.objects.update(next_attempt_at=timezone.now())
        call_command("send_alerts", stdout=io.StringIO())
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.status == DeliveryStatus.FAILED
    assert smtp_server.received == []

    smtp_server.failing = False
    Delivery.objects.update(next_attempt_at=timezone.now())
    call_command("send_alerts", stdout=io.StringIO())
    assert smtp_server.received == []  # given up: editors see it failed


def test_a_refused_address_fails_at_once_and_the_rest_are_sent(smtp_server, publish, wiltshire):
    subscriber("gone@example.com", follow=Follow.AREA, force=wiltshire)
    subscriber("here@example.com", follow=Follow.AREA, force=wiltshire)
    smtp_server.refuse.add("gone@example.com")

    publish()

    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {"gone@example.com": "failed", "here@example.com": "sent"}
    assert smtplib.SMTPRecipientsRefused.__name__ in Delivery.objects.get(status="failed").error
