"""The reference story as a reader sees it, on a phone and on a desktop."""

from django.core.management import call_command

import pytest

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


@pytest.mark.parametrize("width", [375, 1280])
def test_reference_story_reads_at_phone_and_desktop_width(live_server, page, screenshot, width):
    call_command("load_demo")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + REFERENCE_URL)
    assert page.locator("h1").inner_text().startswith("Online child sex offences")
    assert page.locator(".byline time").inner_text() == "3 September 2020"
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The stylesheet loaded (the header is dark), and the skip link reaches the content.
    assert (
        page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(27, 27, 27)"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    screenshot(page, f"reference-story-{width}")
