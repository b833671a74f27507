"""Email alerts in Debian's chromium: the sign-up form works without JavaScript, and the
alerts' pages pass axe-core (the form under area, topic, author, story and data pages is
checked with those pages in test_accessibility.py)."""

from django.core import mail
from django.core.management import call_command

import pytest
from axe_playwright_python.sync_playwright import Axe

from alerts.models import Subscription
from tests.browser.test_accessibility import WCAG_AA

PAGES = ["/alerts/subscribe/?follow=area:wiltshire", "/alerts/privacy/", "/alerts/my-data/"]


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_signing_up_from_an_area_page_without_javascript(live_server, no_script_page):
    call_command("load_demo")
    page = no_script_page
    page.goto(live_server.url + "/news/area/wiltshire/")

    form = page.locator(".follow-form")
    form.get_by_label("Your email address").fill("reader@example.com")
    form.get_by_role("button", name="Sign up").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    assert Subscription.objects.get().requested_on == "/news/area/wiltshire/"
    assert mail.outbox[0].to == ["reader@example.com"]


def test_a_mistyped_address_is_marked_where_it_was_typed(live_server, page):
    call_command("load_demo")
    page.goto(live_server.url + "/alerts/subscribe/?follow=area:wiltshire")

    page.get_by_label("Your email address").fill("reader-at-example.com")
    page.get_by_role("button", name="Sign up").click()

    assert "Enter an email address like name@example.com." in page.locator("main").inner_text()
    assert page.get_by_label("Your email address").get_attribute("aria-invalid") == "true"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations_on_the_alerts_pages(live_server, page, path, scheme):
    call_command("load_demo")
    page.emulate_media(color_scheme=scheme)
    assert page.goto(live_server.url + path).status == 200
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
