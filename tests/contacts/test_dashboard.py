"""The dashboard tells helpline staff which published numbers are due a check."""

import datetime

from django.utils import timezone

import pytest

from tests.editorial import panel_rows
from tests.factories import HelplineFactory

pytestmark = pytest.mark.django_db


def test_staff_see_published_helplines_unverified_for_a_year(client, helpline_staff):
    client.force_login(helpline_staff)
    today = timezone.localdate()
    HelplineFactory(name="Checked last month", last_verified=today - datetime.timedelta(days=30))
    HelplineFactory(name="Checked long ago", last_verified=datetime.date(2020, 9, 3))
    HelplineFactory(name="Never checked", last_verified=None)
    HelplineFactory(name="Draft never published", last_verified=None, publish=False)
    rows = panel_rows(client, "helplines-to-verify")
    assert [(label, detail) for label, detail, _ in rows] == [
        ("Never checked", "Never"),
        ("Checked long ago", "3 September 2020"),
    ]


def test_panel_is_only_for_people_who_keep_helplines(client, editor):
    HelplineFactory(last_verified=None)
    client.force_login(editor)
    assert panel_rows(client, "helplines-to-verify") is None
