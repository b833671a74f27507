"""Sign-in: ten wrong passwords for one username from one address pause sign-in for that
pair for 30 minutes, whatever password comes next; staff lift it with `axes_reset`. The
address is the proxy's word only when the request comes from the proxy. Django's own
admin, a second sign-in page, is gone."""

import datetime

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from tests.editorial import PASSWORD

pytestmark = [
    pytest.mark.django_db,
    # The throttle as production runs it (the test settings switch it off for force_login).
    pytest.mark.usefixtures("throttled"),
]

LOGIN = reverse("wagtailadmin_login")
READER = "203.0.113.7"


@pytest.fixture
def throttled():
    with override_settings(
        AXES_ENABLED=True,
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
    ):
        yield


def sign_in(client, username, password, **meta):
    client.logout()
    meta.setdefault("REMOTE_ADDR", READER)
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def fail(client, username, times, **meta):
    return [sign_in(client, username, "wrong-password", **meta).status_code for _ in range(times)]


def test_ten_failures_pause_sign_in_even_with_the_right_password(client, editor):
    assert fail(client, "editor", 9) == [200] * 9
    assert fail(client, "editor", 1) == [429]
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(response)
    message = BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")
    message = " ".join(message.split())
    assert "Too many failed sign-ins for “editor” from this address (10 in a row)" in message
    assert "Sign-in is paused for 30 minutes" in message


def test_the_pause_is_for_that_username_from_that_address_only(client, editor, reporter):
    fail(client, "editor", 10)
    assert signed_in(sign_in(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.20"))
    assert signed_in(sign_in(client, "reporter", PASSWORD))


def test_a_success_before_the_limit_starts_the_count_again(client, editor):
    fail(client, "editor", 9)
    assert signed_in(sign_in(client, "editor", PASSWORD))
    assert fail(client, "editor", 9) == [200] * 9


def test_the_pause_ends_after_30_minutes(client, editor):
    fail(client, "editor", 10)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31)
    )
    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_staff_lift_a_pause_with_axes_reset(client, editor):
    fail(client, "editor", 10)
    call_command("axes_reset", verbosity=0)
    assert signed_in(sign_in(client, "editor", PASSWORD))


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_the_reader_address_is_the_one_the_proxy_added(client, editor):
    # nginx appends the address it saw to whatever X-Forwarded-For the client sent.
    for spoofed in range(10):
        sign_in(
            client,
            "editor",
            "wrong-password",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{spoofed}, {READER}",
        )
    via_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": READER}
    assert sign_in(client, "editor", PASSWORD, **via_proxy).status_code == 429
    other_reader = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert signed_in(sign_in(client, "editor", PASSWORD, **other_reader))


def test_a_forwarded_address_from_anyone_but_the_proxy_is_ignored(client, editor):
    for spoofed in range(10):
        sign_in(client, "editor", "wrong-password", HTTP_X_FORWARDED_FOR=f"10.0.0.{spoofed}")
    assert sign_in(client, "editor", PASSWORD).status_code == 429


@pytest.mark.parametrize("url", ["/django-admin/", "/django-admin/login/"])
def test_django_admin_is_not_served(client, home, url):
    assert client.get(url).status_code == 404
