"""The reporter–editor round trip at the editors' desk, counting what people do: a reporter
starts from "New story" on their dashboard, writes a story with a chart of three forces
chosen in one searchable list, checks it in the checks panel (word count, reading time and
accessibility, from Wagtail's user bar in the preview), and submits it; an editor approves it
from the dashboard; a reader sees the chart. Before the desk was built the same story took
68 actions; `test_the_round_trip_takes_few_actions` prints the count now."""

import re

from django.core.management import call_command

from articles.models import ArticlePage
from statistics.models import Measure, PoliceForce
from tests.browser.test_editorial_journey import (
    APPROVE,
    add_block,
    autosave_settles,
    editor_ready,
    open_footer_menu,
)
from tests.editorial import PASSWORD, staff
from tests.factories import FigureFactory

TITLE = "Online offences against children recorded in three areas"
ACTIONS_BEFORE = 68


class Desk:
    """A person at the browser: each click, key press, typed entry and page address is one
    action, counted."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def go(self, url):
        self.actions += 1
        self.page.goto(url)

    def click(self, target):
        self.actions += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def fill(self, target, text):
        self.actions += 1
        (self.page.locator(target) if isinstance(target, str) else target).fill(text)

    def press(self, target, key):
        self.actions += 1
        (self.page.locator(target) if isinstance(target, str) else target).press(key)

    def sign_in(self, live_server, user):
        self.go(live_server.url + "/admin/login/")
        self.fill("#id_username", user.username)
        self.fill("#id_password", PASSWORD)
        self.click("button[type=submit]")
        self.page.wait_for_url(live_server.url + "/admin/")

    def start_story(self, live_server, reporter):
        """Signed in as `reporter`: a new story from the dashboard, with its headline,
        standfirst and byline (Faye Tryhorn, chosen in the authors' chooser)."""
        page = self.page
        self.sign_in(live_server, reporter)
        self.click(page.locator("#your-drafts-section").get_by_role("link", name="New story"))
        page.wait_for_url(re.compile(r"/admin/pages/add/articles/articlepage/"))
        editor_ready(page)
        self.fill("#id_title", TITLE)
        self.fill("#id_standfirst", "Police figures for three force areas, side by side.")
        self.click("#id_article_authors-OPEN_MODAL")
        self.click("input[title='Select Faye Tryhorn']")
        self.click(page.get_by_role("button", name=re.compile("Confirm")))
        page.wait_for_selector(".modal", state="hidden")


def choose_measure(desk, prefix, words, name):
    """The measure chooser, searched."""
    desk.click(f"#{prefix}-measure-chooser .chooser__choose-button")
    modal = desk.page.locator(".modal")
    desk.fill(modal.locator("input[name=q]"), words)
    link = modal.get_by_role("link", name=name, exact=True)
    link.wait_for()
    desk.click(link)
    desk.page.wait_for_selector(".modal", state="hidden")


def tick_forces(desk, widget, names):
    """Type part of each force's name in the list's search box; Enter ticks the only match."""
    box = widget.locator("[data-forces-filter]")
    for name in names:
        desk.fill(box, name)
        desk.press(box, "Enter")


def three_forces_with_figures():
    measure = Measure.objects.get(slug="online-child-sex-offences")
    dorset = PoliceForce.objects.get(slug="dorset")
    for period, value in [("2018/19", 40), ("2019/20", 52)]:
        FigureFactory(measure=measure, force=dorset, period=period, value=value)


def test_the_round_trip_takes_few_actions(live_server, browser, screenshot):
    call_command("load_demo")
    three_forces_with_figures()
    reporter, editor = staff("Reporters"), staff("Editors")

    # The reporter starts from their dashboard.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = Desk(context.new_page())
    page = desk.page
    desk.start_story(live_server, reporter)

    desk.actions += 2  # the "+" menu and the block's name
    prefix = add_block(page, "Paragraph")
    desk.click(page.locator("[data-contentpath=body] .public-DraftEditor-content").last)
    desk.actions += 1
    page.keyboard.type("Recorded offences rose in two of the three areas and fell in one.")

    desk.actions += 2
    prefix = add_block(page, "Figure chart")
    choose_measure(desk, prefix, "child sex", "Online child sex offences recorded by police")
    widget = page.locator(f"#{prefix}-forces")
    hint = "Figures for this measure: 3 forces; periods 2018/19, 2019/20."
    widget.locator("[data-forces-hint]", has_text=hint).wait_for()
    tick_forces(desk, widget, ["wilt", "hamp", "dorset"])
    ticked = widget.locator("input[type=checkbox]:checked")
    assert ticked.count() == 3

    # Topic and area, on the Content tab.
    topic = page.locator("[data-contentpath=topics] .tagit-new input")
    desk.fill(topic, "Child safety")
    desk.press(topic, "Enter")
    chip = page.locator("[data-contentpath=topics] .tagit-label")
    assert chip.all_inner_texts() == ["Child safety"]  # as typed, without quotes
    tick_forces(desk, page.locator("#id_areas"), ["wilt"])
    screenshot(page, "desk-1-reporter-writes-chart")

    # Checks: word count, reading time and accessibility, from the preview's user bar.
    page.get_by_text("Saved", exact=True).wait_for()
    desk.click("[data-side-panel-toggle=checks]")
    checks = page.locator("[data-side-panel=checks]")
    page.wait_for_function(
        "() => /Words\\s+\\d+/.test(document.querySelector('[data-side-panel=checks]').innerText)"
    )
    words = int(re.search(r"Words\s+(\d+)", checks.inner_text()).group(1))
    assert words >= 10
    assert re.search(r"Reading time\s+\d+ mins?", checks.inner_text())
    screenshot(page, "desk-2-checks-panel")

    autosave_settles(page)
    desk.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        desk.click(page.get_by_role("button", name=re.compile("Submit to Editor review")))
    story = ArticlePage.objects.get(title=TITLE)
    saved = story.get_latest_revision_as_object().body
    chart = next(child.value for child in saved if child.block_type == "figure_chart")
    assert [force.short_name for force in chart["forces"]] == ["Dorset", "Hampshire", "Wiltshire"]
    assert list(chart["periods"]) == ["2018/19", "2019/20"]  # "every period", made explicit
    context.close()

    # The editor approves it from the dashboard.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor_desk = Desk(context.new_page())
    page = editor_desk.page
    editor_desk.sign_in(live_server, editor)
    editor_desk.click(page.locator("#stories-in-review-section").get_by_role("link", name=TITLE))
    page.wait_for_url(re.compile(rf"/admin/pages/{story.pk}/edit/"))
    open_footer_menu(page)
    editor_desk.actions += 1
    with page.expect_navigation():
        editor_desk.click(APPROVE)
    assert "Approved and published" in page.locator(".messages").inner_text()
    story.refresh_from_db()
    assert story.live
    context.close()

    # A reader sees the chart with the three forces.
    reader = browser.new_context(viewport={"width": 375, "height": 800})
    page = reader.new_page()
    page.goto(f"{live_server.url}{story.url}")
    chart_text = page.locator(".stat--chart, figure").first.inner_text()
    for name in ("Dorset", "Hampshire", "Wiltshire"):
        assert name in chart_text
    screenshot(page, "desk-3-reader-sees-chart")
    reader.close()

    total = desk.actions + editor_desk.actions
    print(
        f"\nactions: {total} (reporter {desk.actions}, editor {editor_desk.actions}); "
        f"before: {ACTIONS_BEFORE}"
    )
    assert total < ACTIONS_BEFORE
