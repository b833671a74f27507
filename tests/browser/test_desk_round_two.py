"""The editors' desk, round two, in Chromium, counting what each person does: the reporter
writes a story with a chart that names a force without figures, is refused once ("Not
submitted for review"), and asks the editors from the block; the editor adds the two
figures from the email's link ("Add another" keeps measure, source and period), requests a
change; the reporter finds the comment on the dashboard and atop the story, fixes it and
resubmits; the editor approves. `test_the_round_trip_with_a_missing_figure` prints the
counts."""

import re

from django.core import mail
from django.core.management import call_command

from articles.models import ArticlePage
from statistics.models import Figure
from tests.browser.test_editorial_journey import (
    APPROVE,
    add_block,
    autosave_settles,
    editor_ready,
    open_footer_menu,
)
from tests.browser.test_editors_desk import TITLE, Desk, choose_measure, tick_forces
from tests.editorial import staff

SOURCE = "NSPCC: Freedom of Information request to police forces (3 September 2020)"


def submit(desk):
    page = desk.page
    autosave_settles(page)
    desk.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        desk.click(page.get_by_role("button", name=re.compile("[Ss]ubmit to Editor review")))


def add_figure(desk, period, value):
    page = desk.page
    desk.fill("#id_period", period)
    desk.fill("#id_value", str(value))
    with page.expect_navigation():
        desk.click("footer button[type=submit]:not([name])")


def test_the_round_trip_with_a_missing_figure(live_server, browser, settings, screenshot):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo")
    reporter, editor = staff("Reporters"), staff("Editors")
    reporter_context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = Desk(reporter_context.new_page())
    page = desk.page

    # The reporter writes the story, with a chart of three forces, one without figures.
    desk.start_story(live_server, reporter)
    desk.actions += 2
    add_block(page, "Paragraph")
    desk.click(page.locator("[data-contentpath=body] .public-DraftEditor-content").last)
    desk.actions += 1
    page.keyboard.type("Recorded offences rose in Wiltshire and Hampshire.")
    desk.actions += 2
    prefix = add_block(page, "Figure chart")
    choose_measure(desk, prefix, "child sex", "Online child sex offences recorded by police")
    widget = page.locator(f"#{prefix}-forces")
    widget.locator("[data-forces-hint]", has_text="Figures for this measure").wait_for()
    tick_forces(desk, widget, ["wilt", "hamp"])
    box = widget.locator("[data-forces-filter]")
    desk.fill(box, "thames")
    desk.press(box, "Enter")
    desk.press(box, "Enter")  # ticked after the warning
    desk.click(widget.locator("[data-forces-ask]"))
    widget.locator("[data-forces-asked]", has_text="Sent to 1 editor.").wait_for()
    topic = page.locator("[data-contentpath=topics] .tagit-new input")
    desk.fill(topic, "Child safety")
    desk.press(topic, "Enter")
    tick_forces(desk, page.locator("#id_areas"), ["wilt"])

    # Refused once: it says so, and why.
    submit(desk)
    refusal = page.locator(".messages .error").inner_text()
    assert "Not submitted for review" in refusal and "Thames Valley" in refusal, refusal
    screenshot(page, "round-two-1-refused")
    story = ArticlePage.objects.get(title=TITLE)

    # The editor adds both figures from the email's link.
    [email] = mail.outbox
    link = re.search(r"- Thames Valley: (\S+)", email.body).group(1)
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor_desk = Desk(editor_context.new_page())
    epage = editor_desk.page
    editor_desk.sign_in(live_server, editor)
    editor_desk.go(live_server.url + link[link.index("/admin/") :])
    editor_desk.click("#id_source-chooser .chooser__choose-button")
    editor_desk.click(epage.locator(".modal").get_by_role("link", name=SOURCE))
    epage.wait_for_selector(".modal", state="hidden")
    add_figure(editor_desk, "2018/19", 40)
    editor_desk.click(epage.locator(".messages").get_by_role("link", name="Add another"))
    editor_desk.click("#id_force-chooser .chooser__choose-button")
    editor_desk.click(epage.locator(".modal").get_by_role("link", name="Thames Valley"))
    epage.wait_for_selector(".modal", state="hidden")
    add_figure(editor_desk, "2019/20", 52)
    assert Figure.objects.filter(force__slug="thames-valley").count() == 2

    # The reporter submits again; the editor requests a change, with a comment.
    desk.go(f"{live_server.url}/admin/pages/{story.pk}/edit/")  # the reporter reopens it
    editor_ready(page)
    submit(desk)
    assert "submitted" in page.locator(".messages").inner_text()
    editor_desk.go(live_server.url + "/admin/")
    editor_desk.click(epage.locator("#stories-in-review-section").get_by_role("link", name=TITLE))
    open_footer_menu(epage)
    editor_desk.actions += 1
    editor_desk.click("[data-workflow-action-name=reject]")
    comment = epage.locator(".modal textarea[name=comment]")
    editor_desk.fill(comment, "Name the source of the Thames Valley figures.")
    with epage.expect_navigation():
        editor_desk.click(epage.locator(".modal").get_by_role("button", name="Request changes"))
    assert "Changes requested" in epage.locator(".messages").inner_text()

    # The reporter sees the comment on the dashboard and atop the story, fixes, resubmits.
    desk.go(live_server.url + "/admin/")
    panel = page.locator("#changes-requested-section")
    assert "Name the source of the Thames Valley figures." in panel.inner_text()
    screenshot(page, "round-two-2-changes-requested")
    desk.click(panel.get_by_role("link", name=TITLE))
    editor_ready(page)
    assert "Name the source" in page.locator(".messages").inner_text()
    desk.fill("#id_standfirst", "Police figures for three force areas, from the NSPCC.")
    submit(desk)

    # The editor approves: the story is live.
    editor_desk.go(live_server.url + "/admin/")
    editor_desk.click(epage.locator("#stories-in-review-section").get_by_role("link", name=TITLE))
    open_footer_menu(epage)
    editor_desk.actions += 1
    with epage.expect_navigation():
        editor_desk.click(APPROVE)
    assert "Approved and published" in epage.locator(".messages").inner_text()
    story.refresh_from_db()
    assert story.live
    reporter_context.close()
    editor_context.close()
    print(
        f"\nactions: {desk.actions + editor_desk.actions} "
        f"(reporter {desk.actions}, editor {editor_desk.actions})"
    )
