"""The schedule dialog in Chromium: Wagtail's date picker opened under the go-live or expiry
field and covered "Save schedule", so an editor had to close it before saving. Each picker
now opens above its field (`newsroom/static/newsroom/schedule-pickers.js`); the button is
clicked with either one open, and what was typed is what is saved."""

import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from articles.models import ArticlePage
from tests.browser.test_editorial_journey import autosave_settles, editor_ready, sign_in
from tests.editorial import staff
from tests.factories import ArticlePageFactory

UK = ZoneInfo("Europe/London")


def takes_the_click(locator):
    """Whether a click at the middle of `locator` lands on it, not on something over it."""
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(
                box.left + box.width / 2, box.top + box.height / 2);
            return element.contains(hit);
        }"""
    )


def open_picker(page, field):
    """Focus a date field, as clicking or tabbing into it does: its picker opens."""
    page.locator(field).focus()
    picker = page.locator("#schedule-publishing-dialog .xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    return picker


def test_save_schedule_stays_in_reach_with_either_date_picker_open(
    live_server, page, news_index, screenshot
):
    story = ArticlePageFactory(parent=news_index, title="Embargoed: police budget", live=False)
    sign_in(page, live_server, staff("Editors"))
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    editor_ready(page)
    page.click("[data-side-panel-toggle=status]")
    page.get_by_role("button", name=re.compile("Set schedule")).click()
    dialog = page.locator("#schedule-publishing-dialog")
    save = dialog.get_by_role("button", name="Save schedule")
    expect(save).to_be_visible()

    # Go live: typed day first, as the newsroom writes it, which the picker cannot read.
    open_picker(page, "#id_go_live_at")
    page.locator("#id_go_live_at").press_sequentially("03/09/2030 09:00")
    assert takes_the_click(save)
    assert takes_the_click(page.locator("#id_go_live_at"))
    screenshot(page, "schedule-1-go-live-picker-open")

    # Expiry: its picker opens as the go-live one closes; the typed go-live text is kept.
    picker = open_picker(page, "#id_expire_at")
    expect(page.locator("#id_go_live_at")).to_have_value("03/09/2030 09:00")
    page.locator("#id_expire_at").press_sequentially("2030-09-10 18:00")
    assert picker.bounding_box()["y"] >= 0
    assert takes_the_click(save)
    assert takes_the_click(page.locator("#id_expire_at"))
    screenshot(page, "schedule-2-expiry-picker-open")

    # Clicked as a person clicks (Playwright refuses a click something else would take).
    autosave_settles(page)
    expect(picker).to_be_visible()
    with page.expect_navigation():
        save.click(timeout=5000)
    expect(page.locator(".messages")).to_contain_text("has been updated")
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert draft.go_live_at == datetime.datetime(2030, 9, 3, 9, 0, tzinfo=UK)
    assert draft.expire_at == datetime.datetime(2030, 9, 10, 18, 0, tzinfo=UK)
    page.click("[data-side-panel-toggle=status]")
    status = page.locator("[data-side-panel=status]")
    expect(status).to_contain_text("Go-live: 3 Sep 2030, 9 a.m.")
    expect(status).to_contain_text("Expiry: 10 Sep 2030, 6 p.m.")
