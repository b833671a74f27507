"""A force with no figures for the block's measure is ticked only after a warning, and the
reporter asks the editors for its figures from the block, in Chromium."""

import re

from django.core import mail
from django.core.management import call_command

from tests.browser.test_editorial_journey import add_block, editor_ready
from tests.browser.test_editors_desk import Desk, choose_measure
from tests.editorial import staff


def test_a_force_without_figures_warns_and_the_reporter_asks_the_editors(
    live_server, browser, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo")
    reporter, editor = staff("Reporters"), staff("Editors")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = Desk(context.new_page())
    page = desk.page
    desk.sign_in(live_server, reporter)
    desk.click(page.locator("#your-drafts-section").get_by_role("link", name="New story"))
    page.wait_for_url(re.compile(r"/admin/pages/add/articles/articlepage/"))
    editor_ready(page)
    prefix = add_block(page, "Figure chart")
    choose_measure(desk, prefix, "child sex", "Online child sex offences recorded by police")
    widget = page.locator(f"#{prefix}-forces")
    widget.locator("[data-forces-hint]", has_text="Figures for this measure").wait_for()
    box = widget.locator("[data-forces-filter]")
    thames = widget.locator("[data-forces-option][data-label='Thames Valley'] input")

    box.fill("thames")
    box.press("Enter")  # not ticked: said first
    hint = widget.locator("[data-forces-hint]")
    assert "Thames Valley has no figures for this measure" in hint.inner_text()
    assert not thames.is_checked()
    box.press("Enter")  # ticked all the same, with the warning in plain sight
    assert thames.is_checked()
    warning = widget.locator("[data-forces-warning]")
    assert warning.is_visible()
    assert "No figures for this measure: Thames Valley" in warning.inner_text()

    widget.locator("[data-forces-ask]").click()
    widget.locator("[data-forces-asked]", has_text="Sent to 1 editor.").wait_for()
    [email] = mail.outbox
    assert email.to == [editor.email] and "Thames Valley" in email.subject
    thames.uncheck()
    assert not warning.is_visible()
    context.close()
