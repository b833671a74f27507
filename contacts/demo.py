"""Demo helplines: the three numbers the reference story tells readers to call.

Idempotent like the rest of the demo: a helpline is published again only when its published
version differs from what is here.
"""

import datetime
import uuid

from statistics.models import PoliceForce

from .blocks import CHOSEN_MODE
from .models import Helpline, HelplineKind

# The date the story gave these numbers.
VERIFIED = datetime.date(2020, 9, 3)


def reference_helplines():
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    return [
        {
            "name": "Emergency",
            "number": "999",
            "kind": HelplineKind.EMERGENCY,
            "when_to_call": "A child is in immediate danger.",
            "area": None,
            "opening_hours": "24 hours a day",
        },
        {
            "name": "Police non-emergency",
            "number": "101",
            "kind": HelplineKind.POLICE_NON_EMERGENCY,
            "when_to_call": "To report abuse to the police when no one is in immediate danger.",
            "area": None,
            "opening_hours": "24 hours a day",
        },
        {
            "name": "Wiltshire Multi Agency Safeguarding Hub (MASH)",
            "number": "0300 456 0108",
            "kind": HelplineKind.SAFEGUARDING,
            "when_to_call": (
                "You are worried about a child in Wiltshire who is not in immediate danger."
            ),
            "area": wiltshire,
            "opening_hours": "",
        },
    ]


def ensure_helpline(fields):
    helpline = Helpline.objects.filter(name=fields["name"]).first() or Helpline()
    for name, value in {**fields, "last_verified": VERIFIED}.items():
        setattr(helpline, name, value)
    helpline.full_clean()  # stores the number normalised
    if helpline.pk is None:
        helpline.live = False
        helpline.save()
        helpline.save_revision().publish()
    elif not helpline.live or helpline.has_unpublished_changes or _differs(helpline):
        helpline.save_revision().publish()
    return helpline


def _differs(helpline):
    stored = Helpline.objects.get(pk=helpline.pk)
    return any(
        getattr(stored, field.attname) != getattr(helpline, field.attname)
        for field in Helpline._meta.concrete_fields
    )


def ensure_helplines():
    """The reference story's helplines, published, emergency first."""
    return [ensure_helpline(fields) for fields in reference_helplines()]


def helplines_block(helplines, heading="How to report abuse"):
    """A `helplines` body block showing `helplines` in this order (stable item ids, so the
    demo's story body compares equal from one run to the next)."""
    return (
        "helplines",
        {
            "heading": heading,
            "intro": "<p>If you are worried about a child, these are the numbers to call.</p>",
            "mode": CHOSEN_MODE,
            "helplines": [
                {
                    "type": "item",
                    "value": helpline.pk,
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"newsroom-helpline-{helpline.pk}")),
                }
                for helpline in helplines
            ],
        },
    )
