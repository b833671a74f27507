"""The reference story as a reader sees it, on a phone and on a desktop."""

from django.core.management import call_command

import pytest

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


@pytest.mark.parametrize("width", [375, 1280])
def test_reference_story_reads_at_phone_and_desktop_width(live_server, page, screenshot, width):
    call_command("load_demo")
    page.set_viewport_size({"width": width, "height": 900})
    errors = []  # failed requests, and anything the Content Security Policy blocks
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + REFERENCE_URL)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Online child sex offences")
    assert page.locator(".byline time").inner_text() == "3 September 2020"
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The stylesheet loaded (the header is dark), and the skip link reaches the content.
    assert (
        page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(27, 27, 27)"
    )
    # The hero picture fills the column and has loaded.
    hero = page.locator(".story__hero img")
    column = page.locator(".story__body").bounding_box()["width"]
    assert abs(hero.bounding_box()["width"] - column) < 2
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert errors == []
    screenshot(page, f"reference-story-{width}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
