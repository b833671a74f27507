"""A reader searches from the home page and reaches the story, by keyboard."""

from django.core.management import call_command

from newsroom.demo import REFERENCE_SLUG


def test_search_from_the_home_page_to_a_story(live_server, page, screenshot):
    call_command("load_demo")
    page.goto(live_server.url + "/")
    screenshot(page, "home")
    page.get_by_role("searchbox", name="Search stories").fill("Wiltshire offences")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Wiltshire+offences")
    # The reference story and its follow-up (a sample story on the same areas).
    assert page.locator(".search__count").inner_text().startswith("2 stories match")
    screenshot(page, "search-results")
    result = page.locator(".card__title a").first
    assert result.inner_text().startswith("Online child sex offences")
    result.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/news/{REFERENCE_SLUG}/")
    assert page.locator("h1").inner_text().startswith("Online child sex offences")


def test_story_reads_with_javascript_off(live_server, browser):
    call_command("load_demo")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + f"/news/{REFERENCE_SLUG}/")
    assert page.locator(".story__body p").first.is_visible()
    # Only the site's own deferred enhancements (the "Embed this chart" copy button): the
    # story, its figures and the embed code itself are there without them.
    scripts = page.locator("script:not([type='application/ld+json'])")
    for n in range(scripts.count()):
        assert scripts.nth(n).get_attribute("src").startswith("/static/")
        assert scripts.nth(n).get_attribute("defer") is not None
    context.close()
