"""Every admin date field reads dates as staff type them, and is marked for the hint that
says which date was read (hint and picker in Chromium: tests/browser/test_typed_dates.py)."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from contacts.models import Helpline
from tests.factories import HelplineFactory

pytestmark = pytest.mark.django_db

TYPED = ["3 September 2020", "3 Sep 2020", "03/09/2020", "2020-09-03"]


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("helen", "helen@example.org", "pw")
    client.force_login(user)
    return user


def helpline_form(helpline, **changes):
    return {
        "name": helpline.name,
        "number": helpline.number,
        "kind": helpline.kind,
        "when_to_call": helpline.when_to_call,
        "area": helpline.area_id or "",
        "opening_hours": "",
        "website": "",
        **changes,
    }


@pytest.mark.parametrize("typed", TYPED)
def test_a_helplines_last_verified_date_is_read_as_typed(client, admin, typed):
    helpline = HelplineFactory(last_verified=None)
    url = reverse("wagtailsnippets_contacts_helpline:edit", args=[helpline.pk])
    response = client.post(url, helpline_form(helpline, last_verified=typed))
    assert response.status_code == 302
    helpline.refresh_from_db()
    assert helpline.get_latest_revision_as_object().last_verified == datetime.date(2020, 9, 3)


def test_a_date_that_cannot_be_read_says_how_to_type_it(client, admin):
    helpline = HelplineFactory(last_verified=None)
    url = reverse("wagtailsnippets_contacts_helpline:edit", args=[helpline.pk])
    response = client.post(url, helpline_form(helpline, last_verified="31 February 2020"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one("[data-field-wrapper]:has(#id_last_verified)")
    assert field.select_one(".error-message").get_text(strip=True) == (
        "Type the date like 3 September 2020, 3 Sep 2020, 03/09/2020 or 2020-09-03."
    )
    assert Helpline.objects.get().get_latest_revision_as_object().last_verified is None


def marked(response, *fields):
    """Whether each field's input is marked, looked for in the page and in the templates
    of its inline panels (a new correction's form)."""
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("script[src*='newsroom/typed-dates.js']")
    templates = page.select("script[type='text/django-form-template'], template")
    parts = [page] + [BeautifulSoup(t.decode_contents(), "html.parser") for t in templates]
    inputs = {i["name"]: i for part in parts for i in part.select("input[name]")}
    return [inputs[name].has_attr("data-typed-date") for name in fields]


def test_the_import_date_is_marked_for_the_hint(client, admin):
    assert marked(client.get(reverse("statistics_import")), "source_date") == [True]


def test_a_storys_publish_date_and_correction_dates_are_marked_for_the_hint(client, admin, story):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert marked(response, "publish_date", "corrections-__prefix__-date") == [True, True]
