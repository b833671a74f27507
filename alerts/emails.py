"""The messages: a confirmation link, a link to one's data, and alerts (one, or a day's in
a digest). Each has a plain-text and an HTML part from `templates/alerts/emails/`, links on
`SITE_URL`, and alerts carry the RFC 8058 one-click unsubscribe headers and a Message-ID
made from the delivery, so a message sent again after a worker died is recognisably the
same message."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from . import tokens
from .matching import concerns, figure_lines
from .models import Subscriber, Subscription, site_url


def absolute(path: str) -> str:
    return site_url() + path


def _domain() -> str:
    return urlsplit(site_url()).hostname or "localhost"


def _message(*, to, subject, template, context, headers=None) -> EmailMultiAlternatives:
    context = {"site_url": site_url(), **context}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(
        render_to_string(f"alerts/emails/{template}.html", context), "text/html"
    )
    return message


def confirmation(subscriber: Subscriber, subscriptions: list[Subscription]):
    token = tokens.make(
        tokens.CONFIRM, subscriber.pk, subscriber.email, [s.pk for s in subscriptions]
    )
    return _message(
        to=subscriber.email,
        subject="Confirm your email alerts",
        template="confirm",
        context={
            "subscriptions": subscriptions,
            "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
            "hours": int(tokens.LINK_LIFETIME.total_seconds() // 3600),
        },
    )


def my_data_link(subscriber: Subscriber):
    token = tokens.make(tokens.MY_DATA, subscriber.pk, subscriber.email)
    return _message(
        to=subscriber.email,
        subject="Your email alerts: what we keep",
        template="my_data",
        context={
            "data_url": absolute(reverse("alerts:my_data", args=[token])),
            "hours": int(tokens.LINK_LIFETIME.total_seconds() // 3600),
        },
    )


def alerts(subscriber: Subscriber, deliveries, subscriptions: list[Subscription]):
    """One message for these deliveries to `subscriber` (one alert, or a digest)."""
    items, reasons = [], {}
    for delivery in deliveries:
        alert = delivery.alert
        matched = [s for s in subscriptions if concerns(alert, s)]
        reasons.update({s.pk: s for s in matched})
        items.append({"alert": alert, "lines": figure_lines(alert, matched)})
    token = tokens.make(tokens.UNSUBSCRIBE, subscriber.pk, subscriber.email, sorted(reasons))
    unsubscribe_url = absolute(reverse("alerts:unsubscribe", args=[token]))
    first = min(d.pk for d in deliveries)
    digest = len(items) > 1 or deliveries[0].digest
    return _message(
        to=subscriber.email,
        subject=f"Today's alerts: {len(items)} new" if digest else items[0]["alert"].subject,
        template="alert",
        context={
            "items": items,
            "digest": digest,
            "reasons": [reasons[pk] for pk in sorted(reasons)],  # in the order they were made
            "unsubscribe_url": unsubscribe_url,
            "my_data_url": absolute(reverse("alerts:my_data_request")),
        },
        headers={
            "Message-ID": f"<alert.{first}@{_domain()}>",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
