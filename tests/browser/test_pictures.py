"""An editor puts a picture in a story's body: the block's alt text starts as the picture's
description (and is stored only if changed, so later corrections reach the story), the
credit is the picture's, and "decorative" empties the alt text readers' browsers get."""

from articles.models import ArticlePage
from newsroom.models import HomePage
from tests.browser.test_editorial_journey import add_block, open_footer_menu, sign_in
from tests.editorial import staff
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, PictureFactory

DESCRIPTION = "Two officers outside Melksham police station."
CREDIT = "Photo: Jane Smith / Wiltshire Police"


def publish(page):
    open_footer_menu(page)
    with page.expect_navigation():
        page.click("footer button[name=action-publish]")


def body_img(page, url):
    page.goto(url)
    return page.locator(".story__body figure.story-image")


def test_an_editor_adds_a_picture_with_its_own_alt_text_and_credit(live_server, page):
    news = ArticleIndexPageFactory(parent=HomePage.objects.get())
    story = ArticlePageFactory(parent=news, title="Station", slug="station")
    PictureFactory(title="Melksham station", description=DESCRIPTION, credit=CREDIT)
    sign_in(page, live_server, staff("Editors"))
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")

    prefix = add_block(page, "Image")
    page.click(f"#{prefix}-image-image-chooser .chooser__choose-button")
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.wait_for_selector(".modal", state="hidden")
    alt_text = page.locator(f"#{prefix}-image-alt_text")
    assert alt_text.input_value() == DESCRIPTION
    page.fill(f"#{prefix}-caption", "The station on Monday.")
    publish(page)

    stored = ArticlePage.objects.get(pk=story.pk).body.raw_data[-1]["value"]
    assert stored["image"]["alt_text"] == ""  # the picture's, not a copy
    figure = body_img(page, f"{live_server.url}/news/station/")
    assert figure.locator("img").get_attribute("alt") == DESCRIPTION
    assert figure.locator("figcaption").inner_text() == f"The station on Monday. {CREDIT}"

    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.check(f"#{prefix}-image-decorative")
    assert page.locator(f"#{prefix}-image-alt_text").is_disabled()
    publish(page)
    figure = body_img(page, f"{live_server.url}/news/station/")
    assert figure.locator("img").get_attribute("alt") == ""
