"""Outgoing mail from EMAIL_URL: SMTP with TLS, never a password in clear to another host,
and a deploy check when it is missing (password-reset mail would never arrive)."""

from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest

from newsroom.settings.email import email_settings


def test_smtp_with_starttls_and_a_password_with_reserved_characters():
    found = email_settings("smtp+tls://news%40example.org:p%40ss%3Aword@smtp.example.org")
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "news@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss:word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_smtps_uses_tls_from_the_first_byte():
    found = email_settings("smtps://user:secret@smtp.example.org")
    assert found["EMAIL_PORT"] == 465
    assert (found["EMAIL_USE_SSL"], found["EMAIL_USE_TLS"]) == (True, False)


def test_console_for_development():
    assert email_settings("console:") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


@pytest.mark.parametrize(
    "url", ["smtp://user:secret@smtp.example.org", "mailto:x@example.org", "smtp+tls://"]
)
def test_refused_with_a_reason(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings(url)


def test_plain_smtp_to_a_relay_on_this_machine():
    assert email_settings("smtp://localhost")["EMAIL_PORT"] == 25


def test_the_deploy_check_warns_without_email_url(settings):
    settings.EMAIL_URL = ""
    with pytest.raises(SystemCheckError, match="newsroom.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    settings.EMAIL_URL = "smtp+tls://user:secret@smtp.example.org"
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    assert "newsroom.W001" not in str(raised.value)


@pytest.mark.django_db
def test_password_reset_mail_is_sent_from_the_configured_address(client, editor, settings):
    settings.DEFAULT_FROM_EMAIL = "newsroom@example.org"
    editor.email = "editor@example.org"
    editor.save()
    client.post("/admin/password_reset/", {"email": "editor@example.org"})
    assert [m.from_email for m in mail.outbox] == ["newsroom@example.org"]
    assert mail.outbox[0].to == ["editor@example.org"]
