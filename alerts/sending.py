"""Sending deliveries exactly once, in batches, through Django's email backend.

A worker claims a batch (status `sending`, a claim token and a lease), then for each
subscriber sends one message and records it `sent` at once. Killed mid-batch, its claimed
rows stay `sending` until the lease runs out, then any worker claims them again: every
message recorded `sent` is never sent again, and none is skipped. The one message that was
in the SMTP call when the worker died cannot be known to have arrived; it is sent again,
with the same Message-ID (`emails.alerts`), which is how a mailbox can tell it is the same.

A worker renews its lease while it works, and stops if it finds the lease has run out, so
two workers never hold one row.
An SMTP failure puts the rest of the batch back with a delay that doubles each time; after
`MAX_ATTEMPTS` a delivery is `failed`, with the error, for editors to see. A refused
address fails at once.
"""

import datetime
import smtplib
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from . import emails
from .models import Delivery, DeliveryStatus, Subscription

BATCH = 100
MAX_ATTEMPTS = 5
SAFETY = datetime.timedelta(seconds=2)  # renew the lease this long before it ends


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.ALERTS_LEASE_SECONDS)


def claimable(now) -> Q:
    return Q(status=DeliveryStatus.QUEUED, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_until__lt=now
    )


def claim(deliveries, *, group_by_subscriber=False):
    """Claim up to `BATCH` of these deliveries (for a digest: every claimable delivery of up
    to `BATCH` subscribers); returns them with the lease's end."""
    now = timezone.now()
    available = deliveries.filter(claimable(now))
    if group_by_subscriber:
        subscribers = available.order_by("subscriber_id").values("subscriber_id").distinct()
        chosen = list(subscribers[:BATCH].values_list("subscriber_id", flat=True))
        ids = list(available.filter(subscriber_id__in=chosen).values_list("pk", flat=True))
    else:
        ids = list(available.order_by("pk").values_list("pk", flat=True)[:BATCH])
    token, until = uuid.uuid4().hex, now + lease()
    Delivery.objects.filter(pk__in=ids).filter(claimable(now)).update(
        status=DeliveryStatus.SENDING, claim=token, claimed_until=until
    )
    claimed = Delivery.objects.filter(claim=token, status=DeliveryStatus.SENDING)
    return list(claimed.select_related("alert", "subscriber").order_by("pk")), until


def send(deliveries, until) -> None:
    """Send claimed deliveries: one message per subscriber, recorded as it goes."""
    by_subscriber = defaultdict(list)
    for delivery in deliveries:
        by_subscriber[delivery.subscriber_id].append(delivery)
    subscriptions = defaultdict(list)
    confirmed = Subscription.objects.confirmed().select_related("force", "tag", "author", "measure")
    for subscription in confirmed.filter(subscriber__in=[k for k in by_subscriber if k]):
        subscriptions[subscription.subscriber_id].append(subscription)
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        _retry_later(deliveries, error)
        return
    groups = list(by_subscriber.items())
    try:
        for position, (subscriber_id, group) in enumerate(groups):
            if timezone.now() >= until - SAFETY:
                until = _renew(group[0].claim, until)
                if until is None:
                    return  # the lease ran out: the rest may be another worker's now
            ids, claim_token = [d.pk for d in group], group[0].claim
            if subscriber_id is None or not subscriptions[subscriber_id]:
                _record(ids, claim_token, status=DeliveryStatus.CANCELLED)
                continue
            message = emails.alerts(group[0].subscriber, group, subscriptions[subscriber_id])
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as error:
                _record(ids, claim_token, status=DeliveryStatus.FAILED, error=error)
            except (smtplib.SMTPException, OSError) as error:
                _retry_later([d for _, rest in groups[position:] for d in rest], error)
                return
            else:
                _record(ids, claim_token, status=DeliveryStatus.SENT, sent_at=timezone.now())
    finally:
        connection.close()


def _renew(claim_token, until):
    """A longer lease on the rows still held, while it has not run out; None if it has."""
    now = timezone.now()
    renewed = now + lease()
    held = Delivery.objects.filter(
        claim=claim_token, status=DeliveryStatus.SENDING, claimed_until__gt=now
    )
    return renewed if held.update(claimed_until=renewed) else None


def _record(ids, claim_token, *, error=None, **fields) -> None:
    if error is not None:
        fields["error"] = _describe(error)
    Delivery.objects.filter(pk__in=ids, claim=claim_token).update(claimed_until=None, **fields)


def _describe(error) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _retry_later(deliveries, error) -> None:
    now = timezone.now()
    for delivery in deliveries:
        attempts = delivery.attempts + 1
        given_up = attempts >= MAX_ATTEMPTS
        delay = datetime.timedelta(seconds=settings.ALERTS_RETRY_SECONDS * 2 ** (attempts - 1))
        Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
            status=DeliveryStatus.FAILED if given_up else DeliveryStatus.QUEUED,
            attempts=attempts,
            next_attempt_at=now + delay,
            claimed_until=None,
            error=_describe(error),
        )


def deliver(deliveries, *, group_by_subscriber=False) -> None:
    """Send every claimable delivery among `deliveries`, batch after batch."""
    while True:
        batch, until = claim(deliveries, group_by_subscriber=group_by_subscriber)
        if not batch:
            break
        send(batch, until)
