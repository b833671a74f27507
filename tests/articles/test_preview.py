"""Preview: editors see the story as readers will, at a phone's width and a desktop's."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from tests.editorial import paragraph, quote, story_form
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_the_preview_offers_phone_and_desktop_widths_phone_first(client, editor, news_index):
    story = ArticlePageFactory(parent=news_index)
    client.force_login(editor)
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content, "html.parser"
    )
    sizes = soup.select("input[name=preview-size]")
    assert [(s["value"], s["data-device-width"]) for s in sizes] == [
        ("mobile", "375"),
        ("desktop", "1280"),
    ]
    assert sizes[0].has_attr("checked")


def test_the_preview_shows_unsaved_edits_as_the_published_page_would(client, editor, news_index):
    story = ArticlePageFactory(parent=news_index)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk])
    form = story_form(
        title="Preview headline",
        standfirst="What the preview shows.",
        body=[paragraph("<p>First paragraph.</p>"), quote("We check every figure.", "Ann Lee")],
    )
    assert client.post(url, form).json()["is_valid"]
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.h1.get_text() == "Preview headline"
    assert soup.select_one(".story__standfirst").get_text() == "What the preview shows."
    assert "We check every figure." in soup.select_one(".story__body blockquote").get_text()
    # Nothing was saved or published by previewing.
    story.refresh_from_db()
    assert story.title != "Preview headline"
