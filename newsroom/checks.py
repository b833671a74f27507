"""Deployment checks (`manage.py check --deploy`) for settings Django cannot judge itself."""

from django.conf import settings
from django.core import checks


def email_configured(app_configs, **kwargs):
    """Without EMAIL_URL, password-reset mail is written to the log and never arrives."""
    if settings.EMAIL_URL:
        return []
    return [
        checks.Warning(
            "EMAIL_URL is not set: password-reset and error mails are written to the log, "
            "not sent.",
            hint="Set EMAIL_URL=smtp+tls://user:password@host:587 (README, Configuration).",
            id="newsroom.W001",
        )
    ]
