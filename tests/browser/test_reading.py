"""Reading comfort in a real browser: dark mode when the system asks for it, the data
table's force and change in sight on a 375 px phone, and the reference story printed on at
most two A4 pages."""

import re

from django.core.management import call_command

import pytest

from newsroom.demo import REFERENCE_SLUG
from statistics.demo import MEASURE_SLUG


@pytest.fixture
def demo(live_server):
    call_command("load_demo")
    return live_server.url


def test_dark_mode_follows_the_system(demo, page):
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{demo}/news/{REFERENCE_SLUG}/")
        colours[scheme] = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.body).color]"
        )
    assert colours["light"] == ["rgb(255, 255, 255)", "rgb(27, 27, 27)"]
    assert colours["dark"] == ["rgb(20, 20, 20)", "rgb(236, 235, 232)"]


def test_phone_sees_force_and_change_without_scrolling(browser, demo):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{demo}/statistics/{MEASURE_SLUG}/")
    for cell in page.locator(".stat-table tbody tr").all():
        force = cell.locator("th").bounding_box()
        change = cell.locator(".stat-table__change").bounding_box()
        assert force["x"] >= 0 and change["x"] + change["width"] <= 375, (force, change)
        assert force["x"] + force["width"] <= change["x"]  # side by side, not covering
    # The sideways scroll is announced and reachable from the keyboard.
    region = page.locator(".stat-table__scroll")
    assert region.get_attribute("tabindex") == "0"
    assert "scrolls sideways" in region.get_attribute("aria-label")
    context.close()


def test_reference_story_prints_on_two_a4_pages_at_most(demo, page):
    page.goto(f"{demo}/news/{REFERENCE_SLUG}/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2
