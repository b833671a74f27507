"""Admin date fields that keep what people type.

Wagtail's date picker (`AdminDateInput`) replaces text it cannot parse with today's date
when the field loses focus, so "3 September 2020" became today and the server never saw
it. `typed-dates.js` turns that off for every picker and shows under each date field the
date it understood; the server reads the same forms (`newsroom/formats/en_GB/formats.py`).
"""

from django.db import models

from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput

TYPED_DATE = {"data-typed-date": ""}
INVALID_DATE = "Type the date like 3 September 2020, 3 Sep 2020, 03/09/2020 or 2020-09-03."


def register_typed_dates():
    """Every model date field in the admin (publish date, corrections, last verified…)
    gets the hint and a message that says which forms are read."""
    register_form_field_override(
        models.DateField,
        override={
            "widget": AdminDateInput(attrs=TYPED_DATE),
            "error_messages": {"invalid": INVALID_DATE},
        },
    )
