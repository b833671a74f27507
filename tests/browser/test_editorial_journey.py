"""The newsroom's workflow end to end, in a browser: a reporter writes and submits a story, an
editor approves it, a reader finds it; and a story scheduled for later goes live on time."""

import datetime
import re

from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticleIndexPage, ArticlePage
from statistics.models import PoliceForce
from tests.editorial import PASSWORD, staff, time_comes
from tests.factories import ArticlePageFactory

STORY = {
    "title": "Reports of online grooming rise across the county",
    "slug": "reports-of-online-grooming-rise-across-the-county",
    "standfirst": "Police figures show more reports this year than last.",
}


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def add_block(page, label):
    """Append a block to the story body through the "+" menu; return its form prefix."""
    index = int(page.input_value("input[name=body-count]"))
    page.locator("[data-contentpath=body] .c-sf-add-button").last.click()
    page.get_by_role("option", name=re.compile(label)).click()
    # The count goes up once the block's form is drawn: wait for it, not for a moment.
    page.wait_for_function(
        "n => Number(document.querySelector('input[name=body-count]').value) > n", arg=index
    )
    return f"body-{index}-value"


def write_paragraph(page, prefix):
    page.locator("[data-contentpath=body] .public-DraftEditor-content").last.click()
    page.keyboard.type("Reports rose in every district, the figures show.")


def write_quote(page, prefix):
    page.fill(f"#{prefix}-text", "We look into every report we receive.")
    page.fill(f"#{prefix}-speaker", "Sam Patel")
    page.fill(f"#{prefix}-organisation", "County Police")


def choose(page, prefix, field, name):
    """Pick `name` in a snippet chooser's modal."""
    page.locator(f"#{prefix}-{field}-chooser .chooser__choose-button").click()
    page.locator(".modal").get_by_role("link", name=name, exact=True).click()
    page.wait_for_selector(".modal", state="hidden")


def write_figure_comparison(page, prefix):
    choose(page, prefix, "measure", "Online child sex offences recorded by police")
    # The force: typed in the list by nation, which says what has figures for the measure.
    force = page.locator(f"#{prefix}-force")
    force.locator("[data-forces-hint]", has_text="Figures for this measure:").wait_for()
    assert "periods 2018/19, 2019/20" in force.locator("[data-forces-hint]").inner_text()
    box = force.locator("[data-forces-filter]")
    box.fill("wilt")
    box.press("Enter")
    assert force.locator("input[type=radio]:checked").get_attribute("value") == str(
        PoliceForce.objects.get(slug="wiltshire").pk
    )
    page.fill(f"#{prefix}-period", "2019/20")


def write_helplines(page, prefix):
    page.select_option(f"#{prefix}-mode", "areas")


# The body a reporter writes, block by block.
BODY = [
    ("Paragraph", write_paragraph),
    ("Quote", write_quote),
    ("Figure comparison", write_figure_comparison),
    ("How to report", write_helplines),
]


def wait_for_preview(page):
    """The preview panel's page, once it shows the story (Wagtail swaps in a fresh iframe on
    each update, and says "Preview not available" while the form cannot be previewed)."""
    page.wait_for_function(
        """title => {
            const frames = document.querySelectorAll('iframe.w-preview__iframe');
            const shown = document.querySelector('#w-preview-iframe')?.contentDocument;
            const h1 = shown?.querySelector('h1');
            return frames.length === 1 && h1 && h1.textContent === title;
        }""",
        arg=STORY["title"],
    )
    return page.frame_locator("#w-preview-iframe")


# The footer's "Approve" (without the comment dialog "Approve with comment" opens).
APPROVE = "[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"


# Wagtail's editor, as its unsaved-changes controller sees it.
UNSAVED = "window.wagtail?.app?.queryController('w-unsaved')"


def editor_ready(page):
    """Wait until the editor has noted the form as it was drawn: only what changes after that
    is autosaved. Wagtail notes it 2 s after the form is drawn (later on a busy machine),
    and where comments are on, again a moment later (each start of its check sets a timer)."""
    page.wait_for_function(f"() => {UNSAVED}?.initialFormData !== undefined")
    page.wait_for_timeout(1000)


def autosave_settles(page):
    """Wait until every edit is autosaved (the form is as last saved, nothing on its way), so
    the next save does not meet an autosave half-way."""
    page.wait_for_function(
        f"""() => {{
            const unsaved = {UNSAVED};
            const state = document.querySelector('#w-autosave-indicator')?.dataset
                .wAutosaveStateValue;
            return unsaved?.initialFormData !== undefined
                && unsaved.formData === unsaved.initialFormData && state !== 'saving';
        }}"""
    )


def open_footer_menu(page):
    """Open the footer's actions once any autosave is written: a publish or submit sent
    while one is on its way can meet it half-way."""
    autosave_settles(page)
    page.locator("footer .w-dropdown__toggle").first.click()


def test_a_reporter_writes_an_editor_approves_and_a_reader_finds_the_story(
    live_server, browser, screenshot
):
    call_command("load_demo")
    news = ArticleIndexPage.objects.get()
    reporter, editor = staff("Reporters"), staff("Editors")

    # The reporter writes the story.
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    sign_in(page, live_server, reporter)
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{news.pk}/")
    editor_ready(page)
    page.fill("#id_title", STORY["title"])
    page.fill("#id_standfirst", STORY["standfirst"])
    page.click("#id_article_authors-OPEN_MODAL")
    page.check("input[title='Select Faye Tryhorn']")
    page.get_by_role("button", name=re.compile("Confirm")).click()
    page.wait_for_selector(".modal", state="hidden")
    for label, write in BODY:
        write(page, add_block(page, label))
    screenshot(page, "editors-1-reporter-writes")

    # Previews it at phone width (the default), then at desktop width, once autosaved (the
    # first autosave turns the new page into a saved draft, and the preview follows it).
    page.get_by_text("Saved", exact=True).wait_for()
    page.click("[data-side-panel-toggle=preview]")
    preview = wait_for_preview(page)
    assert preview.locator("h1").inner_text() == STORY["title"]
    assert "We look into every report we receive." in preview.locator("blockquote").inner_text()
    assert "a drop of 18%" in preview.locator(".stat--comparison").inner_text()
    screenshot(page, "editors-2-preview-phone")
    page.check("input[name=preview-size][value=desktop]")
    wait_for_preview(page)
    screenshot(page, "editors-3-preview-desktop")

    # Submits it for review: nothing is public yet.
    open_footer_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Submit to Editor review")).click()
    story = ArticlePage.objects.get(slug=STORY["slug"])
    assert story.workflow_in_progress and not story.live
    desk.close()

    # The editor finds it on the dashboard and approves it.
    office = browser.new_context(viewport={"width": 1280, "height": 900})
    page = office.new_page()
    sign_in(page, live_server, editor)
    waiting = page.locator("#stories-in-review-section")
    assert STORY["title"] in waiting.inner_text()
    screenshot(page, "editors-4-editor-dashboard")
    waiting.get_by_role("link", name=STORY["title"]).click()
    page.wait_for_url(re.compile(rf"/admin/pages/{story.pk}/edit/"))
    screenshot(page, "editors-5-editor-reviews")
    open_footer_menu(page)
    with page.expect_navigation():
        page.click(APPROVE)
    story.refresh_from_db()
    assert story.live, f"{page.url}: {page.locator('main').inner_text()[:2000]}"
    office.close()

    # A reader, signed in to nothing, finds it at its URL and in /news/.
    reader = browser.new_context(viewport={"width": 375, "height": 800})
    page = reader.new_page()
    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name=STORY["title"]).click()
    assert page.url == f"{live_server.url}/news/{STORY['slug']}/"
    assert page.locator("h1").inner_text() == STORY["title"]
    assert page.locator(".byline").inner_text().startswith("By Faye Tryhorn")
    assert "a drop of 18%" in page.locator(".stat--comparison").inner_text()
    assert page.locator("a[href='tel:999']").count() >= 1
    screenshot(page, "editors-6-reader-sees-story")
    # ... and in the feed, and in search.
    assert page.goto(f"{live_server.url}/news/feed/").status == 200
    assert f"/news/{STORY['slug']}/" in page.content()
    page.goto(f"{live_server.url}/search/?q=grooming")
    assert page.get_by_role("link", name=STORY["title"]).count() == 1
    reader.close()


def test_an_editor_schedules_a_story_and_it_goes_live_when_the_scheduler_runs(
    live_server, page, screenshot
):
    call_command("load_demo")
    news = ArticleIndexPage.objects.get()
    story = ArticlePageFactory(
        parent=news, title="Embargoed: council budget", slug="embargoed-council-budget", live=False
    )
    sign_in(page, live_server, staff("Editors"))
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")

    # Sets "go live at" to tomorrow in the status panel's schedule dialog, then publishes.
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    page.click("[data-side-panel-toggle=status]")
    page.get_by_role("button", name=re.compile("Set schedule")).click()
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    screenshot(page, "editors-7-schedule-dialog")
    autosave_settles(page)  # the go-live time just typed is being autosaved
    # Clicked: the date picker opens above the field, clear of the button.
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Save schedule")).click()
    open_footer_menu(page)
    with page.expect_navigation():
        page.click("footer button[name=action-publish]")
    story.refresh_from_db()
    assert not story.live and story.scheduled_revision is not None

    page.goto(f"{live_server.url}/admin/")
    scheduled = page.locator("#scheduled-stories-section")
    assert story.title in scheduled.inner_text()
    screenshot(page, "editors-8-scheduled-on-dashboard")
    assert page.goto(f"{live_server.url}/news/embargoed-council-budget/").status == 404

    # The go-live time passes; the scheduler runs; readers see it.
    time_comes(story.scheduled_revision)
    call_command("publish_scheduled")
    assert page.goto(f"{live_server.url}/news/embargoed-council-budget/").status == 200
    assert page.locator("h1").inner_text() == story.title


def test_an_editor_is_told_why_a_story_cannot_be_published(
    live_server, page, screenshot, unsourced_quotes_fail
):
    call_command("load_demo")
    news = ArticleIndexPage.objects.get()
    story = ArticlePageFactory(parent=news, title="Claims without a source", live=False)
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    story.save_revision()
    sign_in(page, live_server, staff("Editors"))
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    open_footer_menu(page)
    with page.expect_navigation():
        page.click("footer button[name=action-publish]")
    refusal = page.locator(".messages .error").inner_text()
    assert "Not published:" in refusal and "could not be saved" not in refusal
    # The reason is shown on the quote block itself.
    reason = page.locator("[data-contentpath=body]").get_by_text(
        "The quote by Anonymous has no named source."
    )
    assert reason.is_visible()
    screenshot(page, "editors-9-guard-rails-refusal")
    # Readers still cannot see it. Asked of the site: the editor's open page may be writing
    # (autosave) through the server's connection, which this thread must not wait on.
    reader = page.context.browser.new_context()
    assert reader.request.get(live_server.url + story.url).status == 404
    reader.close()
