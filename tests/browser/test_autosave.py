"""Autosave as editors meet it: "Save draft", pressed with an autosave still due, is not
followed by a second revision nobody asked for, and publishing after it warns of no other
window; two tabs warn only of a real newer version; a new story with only a chart autosaves,
and a pause says why. When "Save draft" is pressed while an autosave is being written (or is
slow, held open here), the two writes overlap: those tests need a database two requests can
write at once (PostgreSQL; the race made to happen every time on any database is in
tests/articles/test_autosave.py).

Revisions are counted from the story's history page, as an editor would see them: this
thread must not read the database while the browser's autosave writes to it."""

import re
import time

from django.core.management import call_command
from django.db import connection

import pytest

from articles.models import ArticleIndexPage, ArticlePage
from statistics.models import PoliceForce
from tests.browser.test_editorial_journey import (
    add_block,
    editor_ready,
    open_footer_menu,
    sign_in,
)
from tests.editorial import staff
from tests.factories import ArticlePageFactory

TITLE = "Burglaries fall across the county"

# For tests whose "Save draft" and autosave are written at once.
overlapping_writes = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database locks whole tables: the two requests cannot "
    "overlap as they do on a database file (make run) or PostgreSQL",
)


def revisions(page, live_server, story_pk):
    """The ids of the story's revisions its history page links to."""
    response = page.context.request.get(f"{live_server.url}/admin/pages/{story_pk}/history/")
    found = re.findall(rf"/admin/pages/{story_pk}/revisions/(\d+)/view/", response.text())
    return set(found)


def new_story(page, live_server, title=TITLE):
    news = ArticleIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{news.pk}/")
    editor_ready(page)
    page.fill("#id_title", title)
    page.fill("#id_standfirst", "Recorded burglaries fell in every district.")


def choose_measure(page, prefix):
    page.locator(f"#{prefix}-measure-chooser .chooser__choose-button").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name="Online child sex offences recorded by police").click()
    page.wait_for_selector(".modal", state="hidden")


def story_pk(page):
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


@overlapping_writes
def test_save_draft_is_not_followed_by_an_autosave_revision(live_server, browser):
    call_command("load_demo")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, staff("Editors"))
    new_story(page, live_server)
    add_block(page, "Paragraph")
    page.locator("[data-contentpath=body] .public-DraftEditor-content").last.click()
    page.keyboard.type("Fewer homes were broken into this year than last.")
    page.get_by_text("Saved", exact=True).wait_for()
    pk = story_pk(page)

    # The editor comes back to the story later, adds a sentence and presses "Save draft"
    # at once, with the autosave of that sentence still due.
    page.goto(f"{live_server.url}/admin/pages/{pk}/edit/")
    before = revisions(page, live_server, pk)
    editor_ready(page)
    page.locator("[data-contentpath=body] .public-DraftEditor-content").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" Police say patrols helped.")
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')"
        "?.dataset.wAutosaveStateValue === 'saving'"
    )
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    assert "has been updated" in page.locator(".messages").inner_text()

    # Several autosave intervals later: one revision more, the draft's.
    page.wait_for_timeout(4000)
    after = revisions(page, live_server, pk)
    assert len(after - before) == 1, after - before
    assert not page.locator("#w-editing-sessions .w-editing-sessions__session--saved").count()

    # Publishing warns of no other window.
    open_footer_menu(page)
    with page.expect_navigation():
        page.locator("footer button[name=action-publish]").click()
    assert "published" in page.locator(".messages").inner_text().lower()
    assert not page.get_by_text(re.compile("new version in another window")).count()
    assert not page.locator("#w-save-confirmation-dialog").is_visible()
    reader = browser.new_context()
    response = reader.request.get(f"{live_server.url}/news/burglaries-fall-across-the-county/")
    assert "Police say patrols helped." in response.text()
    reader.close()
    context.close()


def slow_save_draft(monkeypatch):
    """ "Save draft" held open for a second and a half inside its write, as on a slow machine,
    so the autosave due when it was pressed arrives meanwhile. (The live server runs in this
    process, so the patch reaches it.)"""
    save_revision = ArticlePage.save_revision

    def slowly(page, *args, **kwargs):
        revision = save_revision(page, *args, **kwargs)
        if not hasattr(page, "autosave_loaded_from"):
            time.sleep(1.5)
        return revision

    monkeypatch.setattr(ArticlePage, "save_revision", slowly)


@overlapping_writes
def test_a_slow_save_draft_is_not_followed_by_an_autosave_revision(
    live_server, browser, monkeypatch
):
    call_command("load_demo")
    editor = staff("Editors")
    story = ArticlePageFactory(parent=ArticleIndexPage.objects.get(), title=TITLE, live=False)
    story.save_revision(user=editor)
    slow_save_draft(monkeypatch)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    before = revisions(page, live_server, story.pk)
    editor_ready(page)
    page.fill("#id_standfirst", "Recorded burglaries fell in every district but one.")
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')"
        "?.dataset.wAutosaveStateValue === 'saving'"
    )
    with page.expect_navigation():
        page.locator("footer button.action-save").click()
    page.wait_for_timeout(4000)
    assert len(revisions(page, live_server, story.pk) - before) == 1
    assert not page.locator("#w-editing-sessions .w-editing-sessions__session--saved").count()
    context.close()


def test_a_new_story_with_only_a_chart_autosaves(live_server, browser):
    """A reporter's first minute: a headline and a chart, nothing else yet."""
    call_command("load_demo")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, staff("Reporters"))
    news = ArticleIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{news.pk}/")
    editor_ready(page)
    page.fill("#id_title", "Offences in three areas")
    prefix = add_block(page, "Figure chart")
    choose_measure(page, prefix)
    page.get_by_text("Saved", exact=True).wait_for()
    pk = story_pk(page)
    assert revisions(page, live_server, pk)
    indicator = page.locator("#w-autosave-indicator")
    assert indicator.get_attribute("data-w-autosave-state-value") == "saved"

    # Without a headline it cannot save, and says so rather than stopping silently.
    page.fill("#id_title", "")
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')"
        "?.dataset.wAutosaveStateValue === 'paused'"
    )
    assert indicator.get_by_text("Autosave is paused").is_visible()
    assert "validation errors" in indicator.get_attribute("data-w-tooltip-content-value")
    context.close()


def test_a_force_ticked_from_the_keyboard_is_autosaved(live_server, browser):
    """Enter in the forces list's search box ticks the one force left: a change like a click,
    which autosave saves."""
    call_command("load_demo")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, staff("Reporters"))
    new_story(page, live_server)
    prefix = add_block(page, "Figure comparison")
    choose_measure(page, prefix)
    page.fill(f"#{prefix}-period", "2019/20")
    page.get_by_text("Saved", exact=True).wait_for()
    page.evaluate(
        "() => document.addEventListener('w-autosave:success', () => { window.saved = true })"
    )
    box = page.locator(f"#{prefix}-force [data-forces-filter]")
    box.fill("wilt")
    box.press("Enter")
    page.wait_for_function("() => window.saved")
    story = ArticlePage.objects.get(title=TITLE)
    [block] = story.get_latest_revision_as_object().body
    assert block.value["force"] == PoliceForce.objects.get(slug="wiltshire")
    context.close()


def test_two_tabs_of_one_editor_warn_only_of_a_real_newer_version(live_server, browser, settings):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 1000  # Wagtail's is 10 s
    call_command("load_demo")
    editor = staff("Editors")
    story = ArticlePageFactory(parent=ArticleIndexPage.objects.get(), title=TITLE, live=False)
    story.save_revision(user=editor)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    first = context.new_page()
    sign_in(first, live_server, editor)
    second = context.new_page()
    for tab in (first, second):
        tab.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    newer = "#w-editing-sessions .w-editing-sessions__session--saved"

    # Both open, nothing saved: neither warns, however long they stay open.
    first.wait_for_timeout(4000)
    assert not first.locator(newer).count() and not second.locator(newer).count()

    # A sentence more in the first tab, autosaved: the second tab is told, truly.
    editor_ready(first)
    first.fill("#id_standfirst", "Recorded burglaries fell in every district but one.")
    first.get_by_text("Saved", exact=True).wait_for()
    second.locator(newer).wait_for()
    assert "You saved a new version in another window" in second.locator(newer).inner_html()
    first.wait_for_timeout(2000)
    assert not first.locator(newer).count()

    # The first tab publishes what it has without any conflict.
    open_footer_menu(first)
    with first.expect_navigation():
        first.locator("footer button[name=action-publish]").click()
    assert "published" in first.locator(".messages").inner_text().lower()
    context.close()
