"""A story page leaves out the columns it never shows (`STORY_UNSHOWN_COLUMNS`): the search
document and the admin's bookkeeping. Reading one of them later would cost a query of its
own, so no page view, a reader's or an editor's with Wagtail's user bar, may touch one."""

from django.db import models

from wagtail.images.tests.utils import get_test_image_file

import pytest

from images.models import Picture
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_reads(monkeypatch) -> list[tuple[str, list[str]]]:
    """(model, fields) of every deferred column read after its row was loaded."""
    reads = []
    refresh = models.Model.refresh_from_db

    def recorded(self, using=None, fields=None, from_queryset=None):
        reads.append((type(self).__name__, list(fields or [])))
        return refresh(self, using=using, fields=fields, from_queryset=from_queryset)

    monkeypatch.setattr(models.Model, "refresh_from_db", recorded)
    return reads


@pytest.fixture
def story(news_index, wiltshire):
    picture = Picture.objects.create(
        title="Chart", file=get_test_image_file(size=(1600, 900)), credit="Photo: Jo Bloggs"
    )
    return ArticlePageFactory(
        parent=news_index,
        title="Reports rose",
        hero_image=picture,
        hero_alt_text="A chart.",
        topics=["crime"],
        areas=[wiltshire],
        authors=[AuthorFactory(name="Faye Reporter")],
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "editor"])
def test_a_story_page_reads_no_column_it_left_out(client, editor, story, late_reads, signed_in):
    if signed_in:
        client.force_login(editor)
    for _ in range(2):  # the first fills the site-wide caches
        response = client.get(story.url)
        assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Reports rose</h1>" in html
    assert "Photo: Jo Bloggs" in html
    assert "Faye Reporter" in html
    assert ("wagtail-userbar" in html) is signed_in
    assert late_reads == []
