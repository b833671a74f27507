"""Dates as people type them, in Chromium: Wagtail's date picker used to replace typed text
it could not read with today's date when the field lost focus. Each admin form with a date
keeps the text, says what it understood before anything is saved, and saves that date."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from playwright.sync_api import expect

from articles.models import ArticlePage
from contacts.models import Helpline
from tests.browser.test_editorial_journey import autosave_settles, editor_ready
from tests.editorial import PASSWORD
from tests.factories import ArticlePageFactory, HelplineFactory


def type_date(page, selector, text):
    """Type the date key by key over what the field holds, as a person does, then leave it."""
    field = page.locator(selector)
    field.focus()
    field.press("Control+a")
    field.press_sequentially(text)
    field.press("Tab")
    expect(field).to_have_value(text)
    return page.locator(f"[id='{selector[1:]}-understood']")


def test_typed_dates_are_kept_and_read_back_in_every_form(live_server, page, news_index):
    get_user_model().objects.create_superuser("ada", "ada@newsroom.test", PASSWORD)
    helpline = HelplineFactory(last_verified=None)
    story = ArticlePageFactory(parent=news_index, title="Dates story", publish_date=None)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    # Import figures: the help text's own example.
    page.goto(live_server.url + reverse("statistics_import"))
    hint = type_date(page, "#id_source_date", "3 September 2020")
    expect(hint).to_have_text("Understood as Thursday 3 September 2020.")
    hint = type_date(page, "#id_source_date", "31/02/2020")  # no such day: said, and kept
    expect(hint).to_contain_text("Not a date that can be read")

    # A helpline's "Last verified", saved.
    page.goto(f"{live_server.url}/admin/snippets/contacts/helpline/edit/{helpline.pk}/")
    hint = type_date(page, "#id_last_verified", "1 December 2026")
    expect(hint).to_have_text("Understood as Tuesday 1 December 2026.")
    page.locator("button[type=submit]:not([name])", has_text=re.compile("Save draft")).click()
    expect(page.locator(".messages")).to_contain_text("updated")
    saved = Helpline.objects.get(pk=helpline.pk).get_latest_revision_as_object()
    assert saved.last_verified == datetime.date(2026, 12, 1)

    # A story's publish date and a correction's date, saved as a draft.
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    editor_ready(page)
    page.get_by_role("tab", name="Content").click()
    hint = type_date(page, "#id_publish_date", "03/09/2020")
    expect(hint).to_have_text("Understood as Thursday 3 September 2020.")
    page.locator("#id_corrections-ADD").click()
    hint = type_date(page, "#id_corrections-0-date", "3 Sep 2020")
    expect(hint).to_have_text("Understood as Thursday 3 September 2020.")
    page.locator("textarea[name='corrections-0-note']").fill("The figure for 2019/20 was 63.")
    autosave_settles(page)
    page.locator("footer button[type=submit]", has_text=re.compile("Save draft")).first.click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert draft.publish_date == datetime.date(2020, 9, 3)
    assert [c.date for c in draft.corrections.all()] == [datetime.date(2020, 9, 3)]
