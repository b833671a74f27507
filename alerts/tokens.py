"""Signed links in the emails: confirm (72 hours), unsubscribe (no expiry), see or delete
one's data (72 hours). A link names the subscriber and the subscriptions it acts on, and a
hash of the address, so it never acts on another address that later gets the same id.
Nothing is stored: Django's signing (`SECRET_KEY`) proves a link was made here."""

import datetime
import hashlib

from django.core import signing

from .models import Subscriber

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
MY_DATA = "alerts.my-data"
LINK_LIFETIME = datetime.timedelta(hours=72)
MAX_AGE = {CONFIRM: LINK_LIFETIME, MY_DATA: LINK_LIFETIME, UNSUBSCRIBE: None}


class InvalidLink(Exception):
    """A link that was altered, has expired, or names what no longer exists."""


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(purpose: str, subscriber_id: int, email: str, subscription_ids=()) -> str:
    payload = {"s": subscriber_id, "e": _address_hash(email), "f": sorted(subscription_ids)}
    return signing.dumps(payload, salt=purpose, compress=True)


def read(purpose: str, token: str) -> tuple[Subscriber, list[int]]:
    """The subscriber and subscription ids a link names, or `InvalidLink` saying why."""
    try:
        payload = signing.loads(token, salt=purpose, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired as error:
        raise InvalidLink("This link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("This link is not valid: it may have been cut short.") from error
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    if subscriber is None or _address_hash(subscriber.email) != payload["e"]:
        raise InvalidLink("This link is no longer valid: there is nothing left to act on.")
    return subscriber, payload["f"]
