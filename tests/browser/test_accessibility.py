"""axe-core, run in Debian's chromium, finds nothing wrong on the pages readers use most.

To check another page, add its path to `PAGES` (or to `newsroom.demo.MAIN_PAGES`).
"""

from django.core.management import call_command

import pytest
from axe_playwright_python.sync_playwright import Axe

from newsroom.demo import MAIN_PAGES

PAGES = [*MAIN_PAGES, "/search/?q=nothing+matches+this"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(live_server, page, path, scheme):
    """In both colour schemes: dark mode keeps AA contrast too."""
    call_command("load_demo")
    page.emulate_media(color_scheme=scheme)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_on_every_link_and_control(live_server, page, scheme):
    """Tabbing through the home page, each focused element shows an outline."""
    call_command("load_demo")
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + "/")
    for _ in range(12):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, page.evaluate(
            "document.activeElement.outerHTML"
        )


@pytest.mark.parametrize(("preference", "moves"), [("no-preference", True), ("reduce", False)])
def test_motion_only_for_readers_who_have_not_asked_for_less(live_server, page, preference, moves):
    call_command("load_demo")
    page.emulate_media(reduced_motion=preference)
    page.goto(live_server.url + "/")
    link = page.locator("main a").first
    assert (link.evaluate("a => getComputedStyle(a).transitionDuration") != "0s") is moves
    scrolling = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    assert (scrolling == "smooth") is moves
