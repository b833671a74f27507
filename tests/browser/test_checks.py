"""Wagtail's Checks panel on the reference story finds nothing a writer would have to fix:
the issues it used to find ("Misusing paragraphs as headings", three times) came from our
own helplines block, not from anything the writer wrote."""

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import ArticlePage
from newsroom.demo import REFERENCE_SLUG
from tests.browser.test_editorial_journey import editor_ready
from tests.editorial import PASSWORD


def test_the_checks_panel_finds_no_issue_on_the_reference_story(live_server, page, screenshot):
    call_command("load_demo")
    story = ArticlePage.objects.get(slug=REFERENCE_SLUG)
    get_user_model().objects.create_superuser("ada", "ada@newsroom.test", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    editor_ready(page)
    page.locator("[data-side-panel-toggle=checks]").click()
    checks = page.locator("[data-side-panel=checks]")
    page.wait_for_function(
        "() => /Words\\s+\\d+/.test(document.querySelector('[data-side-panel=checks]').innerText)"
    )
    page.wait_for_timeout(3000)  # the accessibility checks report after the metrics
    screenshot(page, "checks-reference-story")
    issues = checks.locator("[data-checks-panel] > *")
    assert issues.count() == 0, checks.inner_text()
    assert checks.locator("[data-content-checker-count]").inner_text() == "0"
    assert re.search(r"Reading time\s+\d+ mins?", checks.inner_text())
