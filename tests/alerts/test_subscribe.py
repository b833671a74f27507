"""Signing up: the form on area, topic, author, story and data pages (cacheable, no
cookie), double opt-in through a real SMTP server, and bad input refused with a clear
message that changes nothing."""

import time

from django.core import signing

import pytest
from bs4 import BeautifulSoup

from alerts.models import Follow, Subscriber, Subscription
from tests.alerts.conftest import SITE_URL
from tests.factories import AuthorFactory, MeasureFactory

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": SITE_URL}


@pytest.fixture(autouse=True)
def site_url(settings):
    """The public address, which a browser on the site sends as the form's Origin."""
    settings.SITE_URL = SITE_URL


def sign_up(client, capture, *, email="reader@example.com", REMOTE_ADDR="127.0.0.1", **data):
    data = {"email": email, "follow": ["area:wiltshire"], "frequency": "instant", **data}
    with capture(execute=True):
        return client.post("/alerts/subscribe/", data, REMOTE_ADDR=REMOTE_ADDR, **ORIGIN)


def follow_form(response):
    form = BeautifulSoup(response.content, "html.parser").select_one(".follow-form form")
    return form


def test_area_page_offers_its_area_and_figures_and_stays_cacheable(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 600

    first = client.get("/news/area/wiltshire/")
    second = client.get("/news/area/wiltshire/")

    form = follow_form(first)
    assert form["action"] == "/alerts/subscribe/"
    assert not form.select("input[name=csrfmiddlewaretoken]")
    ticked = [box["value"] for box in form.select("input[name=follow][checked]")]
    assert ticked == ["area:wiltshire"]
    labels = [label.text for label in form.select("fieldset label")][:2]
    assert labels == ["Stories about Wiltshire", "New police figures for Wiltshire"]
    assert "Set-Cookie" not in first.headers and not first.cookies
    assert second["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("/news/topic/crime/", "topic:crime"),
        ("/authors/faye-tryhorn/", "author:faye-tryhorn"),
        ("/news/figures-released/", "area:wiltshire"),
    ],
)
def test_topic_author_and_story_pages_offer_what_they_are_about(client, story, url, value):
    story.article_authors.first().author.__class__.objects.update(slug="faye-tryhorn")

    form = follow_form(client.get(url))

    assert [box["value"] for box in form.select("input[name=follow]")] == [value]


def test_a_data_page_offers_each_force_for_its_measure(client, db):
    MeasureFactory(name="Knife crime", slug="knife-crime")

    form = follow_form(client.get("/statistics/knife-crime/"))

    options = [option["value"] for option in form.select("select[name=follow] option")]
    assert "figures:wiltshire:knife-crime" in options


def test_pages_about_nothing_to_follow_have_no_form(client, story):
    assert follow_form(client.get("/news/")) is None


def test_double_opt_in(client, smtp_server, django_capture_on_commit_callbacks, wiltshire):
    response = sign_up(client, django_capture_on_commit_callbacks, page="/news/area/wiltshire/")

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.requested_on == "/news/area/wiltshire/"
    [received] = smtp_server.received
    assert received.recipients == ["reader@example.com"]
    text, html = received.part("text/plain"), received.part("text/html")
    link = next(w for w in text.split() if w.startswith(f"{SITE_URL}/alerts/confirm/"))
    assert link in html and "Stories about Wiltshire" in text

    path = link.removeprefix(SITE_URL)
    assert "Confirm" in client.get(path).content.decode()
    Subscription.objects.get(confirmed_at=None)  # a GET (a mail scanner) confirms nothing
    confirmed = client.post(path)

    assert "You are signed up" in confirmed.content.decode()
    assert Subscription.objects.get().confirmed_at is not None


def test_an_expired_or_tampered_link_changes_nothing(
    client, smtp_server, django_capture_on_commit_callbacks, monkeypatch, wiltshire
):
    sign_up(client, django_capture_on_commit_callbacks)
    text = smtp_server.received[0].part("text/plain")
    path = next(w for w in text.split() if "/alerts/confirm/" in w).removeprefix(SITE_URL)

    tampered = client.post(path[:-3] + "A/")
    later = time.time() + 73 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    expired = client.post(path)

    assert tampered.status_code == 400 and "not valid" in tampered.content.decode()
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address"}, "Enter an email address like name@example.com."),
        ({"email": ""}, "Enter your email address."),
        ({"follow": []}, "Choose at least one thing to follow."),
        ({"follow": ["area:atlantis"]}, "That is not something you can follow here."),
        ({"frequency": "hourly"}, "Choose how often."),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    client, smtp_server, django_capture_on_commit_callbacks, wiltshire, data, message
):
    response = sign_up(client, django_capture_on_commit_callbacks, **data)

    assert response.status_code == 400
    assert message in BeautifulSoup(response.content, "html.parser").get_text()
    assert not Subscriber.objects.exists()
    assert smtp_server.received == []


def test_the_honeypot_changes_nothing(
    client, smtp_server, django_capture_on_commit_callbacks, wiltshire
):
    response = sign_up(client, django_capture_on_commit_callbacks, website="http://spam.example")

    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert smtp_server.received == []


def test_a_form_posted_from_another_site_is_refused(client, wiltshire):
    response = client.post(
        "/alerts/subscribe/",
        {"email": "a@example.com", "follow": "area:wiltshire", "frequency": "instant"},
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_500_sign_ups_from_one_address_are_stopped_after_the_limit(
    client, smtp_server, django_capture_on_commit_callbacks, settings, wiltshire
):
    statuses = [
        sign_up(client, django_capture_on_commit_callbacks, email=f"r{n}@example.com").status_code
        for n in range(500)
    ]

    limit = settings.ALERTS_REQUESTS_PER_IP_PER_HOUR
    assert statuses[:limit] == [200] * limit
    assert set(statuses[limit:]) == {429}
    assert Subscriber.objects.count() == len(smtp_server.received) == limit
    refused = sign_up(client, django_capture_on_commit_callbacks, email="late@example.com")
    assert "Too many sign-ups" in refused.content.decode()


def test_an_unknown_network_address_is_limited_by_email_address_only(
    client, smtp_server, django_capture_on_commit_callbacks, settings, wiltshire
):
    """Behind a proxy that is not read yet, every reader has the same empty address."""
    for n in range(settings.ALERTS_REQUESTS_PER_IP_PER_HOUR + 5):
        response = sign_up(
            client, django_capture_on_commit_callbacks, email=f"r{n}@example.com", REMOTE_ADDR=""
        )
        assert response.status_code == 200


def test_one_address_is_sent_a_few_confirmations_a_day_at_most(
    client, smtp_server, django_capture_on_commit_callbacks, settings, wiltshire
):
    for n in range(8):
        sign_up(client, django_capture_on_commit_callbacks, REMOTE_ADDR=f"10.0.0.{n}")

    assert len(smtp_server.received) == settings.ALERTS_REQUESTS_PER_ADDRESS_PER_DAY


def test_signing_up_again_for_what_is_confirmed_sends_nothing(
    client, smtp_server, django_capture_on_commit_callbacks, wiltshire
):
    subscriber = Subscriber.objects.create(email="reader@example.com")
    Subscription.objects.create(
        subscriber=subscriber, follow=Follow.AREA, force=wiltshire, confirmed_at="2026-01-01T00:00Z"
    )

    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert smtp_server.received == []


def test_the_sign_up_page_lists_what_the_link_asked_for(client, db):
    author = AuthorFactory(name="Faye Tryhorn", slug="faye-tryhorn")

    page = client.get("/alerts/subscribe/", {"follow": f"author:{author.slug}"})

    form = BeautifulSoup(page.content, "html.parser").select_one(".alerts-form")
    assert form.select_one("input[name=follow]")["value"] == "author:faye-tryhorn"
    assert "Stories by Faye Tryhorn" in form.get_text()
