"""The image library's pictures: alt text and credit in the edit form, reporters' uploads,
and the pages that show a picture purged when it changes."""

from django.test import override_settings
from django.urls import reverse

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from images.models import Picture
from tests.factories import ArticlePageFactory, AuthorFactory, PictureFactory

pytestmark = pytest.mark.django_db


def test_wagtail_uses_the_picture_model():
    assert get_image_model() is Picture


def test_the_edit_form_asks_for_alt_text_and_credit(editor_client):
    picture = PictureFactory(title="Station")
    url = reverse("wagtailimages:edit", args=[picture.pk])
    form = BeautifulSoup(editor_client.get(url).content, "html.parser")
    label = form.find("label", attrs={"for": "id_description"}).get_text(" ", strip=True)
    assert label.startswith("Alt text")
    assert "What the picture shows, for people who cannot see it." in form.get_text(" ")
    assert form.find("label", attrs={"for": "id_credit"}).get_text(strip=True) == "Credit"
    response = editor_client.post(
        url,
        {
            "title": "Station",
            "collection": picture.collection_id,
            "tags": "",
            "description": "Two officers outside Melksham police station.",
            "credit": "Photo: Jane Smith / Wiltshire Police",
        },
    )
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.description == "Two officers outside Melksham police station."
    assert picture.credit == "Photo: Jane Smith / Wiltshire Police"


def test_a_reporter_uploads_a_picture_with_its_credit(reporter_client):
    file = PictureFactory.build().file
    response = reporter_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Harbour",
            "file": file,
            "description": "The harbour at dusk.",
            "credit": "Photo: Sam Lee",
        },
    )
    assert response.status_code == 302
    picture = Picture.objects.get(title="Harbour")
    assert (picture.description, picture.credit) == ("The harbour at dusk.", "Photo: Sam Lee")


class RecordingBackend(BaseBackend):
    """A frontend cache that remembers what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def purged():
    RecordingBackend.purged = []
    with override_settings(
        WAGTAILFRONTENDCACHE={"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    ):
        yield RecordingBackend.purged


def test_changing_a_picture_purges_every_page_that_shows_it(
    news_index, purged, django_capture_on_commit_callbacks
):
    picture = PictureFactory(description="Two officers outside a police station.")
    hero = ArticlePageFactory(parent=news_index, title="Hero", hero_image=picture)
    in_body = ArticlePageFactory(
        parent=news_index,
        title="In the body",
        body=ArticleBodyBlock().to_python(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": picture.pk, "decorative": False, "alt_text": "A."},
                        "caption": "",
                        "credit": "",
                    },
                }
            ]
        ),
    )
    author = AuthorFactory(name="Faye Tryhorn", photo=picture)
    bylined = ArticlePageFactory(parent=news_index, title="Bylined", authors=[author])
    elsewhere = ArticlePageFactory(parent=news_index, title="Elsewhere")
    picture.credit = "Photo: Jane Smith"
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()
    for page in (hero, in_body, bylined):
        assert page.full_url in purged
    assert "http://localhost/authors/faye-tryhorn/" in purged
    assert elsewhere.full_url not in purged
