import pytest

from alerts.models import Follow, Frequency, Subscriber, Subscription
from tests.alerts import smtp

SITE_URL = "https://news.example.org"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port, and Django's SMTP backend pointed at it."""
    handler = smtp.Handler()
    controller = smtp.start(handler)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "Newsroom alerts <alerts@news.example.org>"
    settings.SITE_URL = SITE_URL
    yield handler
    controller.stop()


@pytest.fixture
def follower(db, wiltshire):
    """A confirmed subscriber to stories about Wiltshire, sent at once."""
    return subscriber("reader@example.com", follow=Follow.AREA, force=wiltshire)


def subscriber(email, confirmed=True, frequency=Frequency.INSTANT, **follow):
    person, _ = Subscriber.objects.get_or_create(email=email)
    Subscription.objects.create(
        subscriber=person,
        frequency=frequency,
        requested_on="/news/area/wiltshire/",
        confirmed_at="2026-01-01T09:00Z" if confirmed else None,
        **follow,
    )
    return person
