"""The figures as a reader sees them: the data page and the story's chart, phone and desktop."""

from django.core.management import call_command

import pytest

DATA_URL = "/statistics/online-child-sex-offences/"
REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


@pytest.mark.parametrize("width", [375, 1280])
def test_data_page_and_chart_fit_the_screen(live_server, page, screenshot, width):
    call_command("load_demo")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + DATA_URL)
    assert page.locator("tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="largest fall first").click()
    assert page.locator("tbody th").first.inner_text() == "Wiltshire Police"
    screenshot(page, f"statistics-data-page-{width}")

    page.goto(live_server.url + REFERENCE_URL)
    chart = page.get_by_role("img", name="bar chart", exact=False)
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box["width"] <= width and box["height"] > 100
    # Chart text stays legible on a phone: at least 12 CSS pixels high.
    size = page.locator(".stat-chart__value").first.bounding_box()["height"]
    assert size >= 12
    chart.screenshot(
        path=str(
            screenshot(page, f"statistics-story-{width}").with_name(f"statistics-chart-{width}.png")
        )
    )
