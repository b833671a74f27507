"""Helpline staff change a number in the admin; the story shows it once published, not before."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from playwright.sync_api import expect

from contacts.models import Helpline

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"
MASH = "Wiltshire Multi Agency Safeguarding Hub (MASH)"


def mash_link(page, live_server):
    page.goto(live_server.url + REFERENCE_URL)
    item = page.locator(".story__body .helpline").filter(has_text=MASH)
    return item.locator(".helpline__number a")


def test_helpline_staff_change_preview_and_publish_a_number(live_server, page, screenshot):
    call_command("load_demo")
    staff = get_user_model().objects.create_user("harriet", password="a-long-test-password")
    staff.groups.add(Group.objects.get(name="Helpline staff"))
    mash = Helpline.objects.get(name=MASH)
    edit_url = f"{live_server.url}/admin/snippets/contacts/helpline/edit/{mash.pk}/"

    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "harriet")
    page.fill("#id_password", "a-long-test-password")
    page.click("button[type=submit]")
    page.get_by_role("link", name="Helplines").first.click()
    page.get_by_role("link", name=MASH).first.click()
    expect(page).to_have_url(edit_url)
    expect(page.locator("#id_number")).to_have_value("0300 456 0108")

    # Change the number and preview it, as readers would see it.
    page.fill("#id_number", "0300 456 0100")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator(".helpline__number a")).to_have_text("0300 456 0100")
    expect(preview.locator(".helpline__number a")).to_have_attribute("href", "tel:+443004560100")
    screenshot(page, "helpline-preview")

    # Publish: the story shows the new number at once, with the right link.
    page.locator(".footer__container [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator(".messages")).to_contain_text("published")
    link = mash_link(page, live_server)
    expect(link).to_have_text("0300 456 0100")
    expect(link).to_have_attribute("href", "tel:+443004560100")
    screenshot(page, "helpline-published-on-story")

    # A saved draft never reaches the public page.
    page.goto(edit_url)
    page.fill("#id_number", "0300 456 0199")
    page.locator("button[type=submit]:not([name])", has_text=re.compile("Save draft")).click()
    expect(page.locator(".messages")).to_contain_text("updated")
    link = mash_link(page, live_server)
    expect(link).to_have_text("0300 456 0100")
    expect(link).to_have_attribute("href", "tel:+443004560100")
    mash.refresh_from_db()
    assert mash.has_unpublished_changes
