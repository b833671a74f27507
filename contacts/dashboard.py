"""Dashboard list for helpline staff: published numbers nobody has checked for a year."""

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import Helpline

VERIFY_EVERY = datetime.timedelta(days=365)


class HelplinesToVerify:
    name = "helplines-to-verify"
    heading = "Helplines not verified in 12 months"
    label_heading = "Helpline"
    detail_heading = "Last verified"
    empty_text = "Every published helpline was verified in the last 12 months."
    order = 100

    @staticmethod
    def is_shown_to(user):
        return user.has_perm("contacts.change_helpline")

    @staticmethod
    def rows(user):
        cutoff = timezone.localdate() - VERIFY_EVERY
        helplines = (
            Helpline.objects.published()
            .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
            .order_by(F("last_verified").asc(nulls_first=True), "name")
        )
        return [
            {
                "label": helpline.name,
                "url": reverse("wagtailsnippets_contacts_helpline:edit", args=[helpline.pk]),
                "detail": (
                    date_format(helpline.last_verified, "j F Y")
                    if helpline.last_verified
                    else "Never"
                ),
            }
            for helpline in helplines
        ]
