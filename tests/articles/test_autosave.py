"""An autosave due when "Save draft" is pressed adds no second revision after the draft, and
so the reloaded editor warns of no "new version in another window" (`articles/autosave.py`).

The race, made to happen every time: the autosave passes Wagtail's out-of-date check, and the
draft is saved while the autosave's form is being validated (on a slow machine, the second
that "Save draft" takes)."""

from django.urls import reverse

import pytest

from articles.forms import ArticlePageForm
from tests.editorial import paragraph, story_form
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def draft(news_index, editor):
    story = ArticlePageFactory(parent=news_index, title="Burglaries fall", live=False)
    story.save_revision(user=editor)
    return story


def loaded_from(story):
    """What the editor's form carries about the revision it was loaded from."""
    story.refresh_from_db()
    revision = story.latest_revision
    return {
        "loaded_revision_id": str(revision.pk),
        "loaded_revision_created_at": revision.created_at.isoformat(),
    }


def form(story, text, **extra):
    return {
        **story_form(title=story.title, slug=story.slug, body=[paragraph(f"<p>{text}</p>")]),
        **loaded_from(story),
        **extra,
    }


def ping(client, story, revision):
    url = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", story.pk, 0])
    data = {"revision_id": revision.pk, "revision_created_at": revision.created_at.isoformat()}
    return client.post(url, data).json()["html"]


def test_an_autosave_overtaken_by_save_draft_adds_no_revision(
    editor_client, editor, draft, monkeypatch
):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    autosave = form(draft, "Fewer homes were broken into. Police say patrols helped.")
    is_valid = ArticlePageForm.is_valid

    def draft_saved_meanwhile(self):
        # "Save draft", pressed with the same words, is written while this autosave's form
        # is validated, after Wagtail's check found the autosave up to date.
        monkeypatch.setattr(ArticlePageForm, "is_valid", is_valid)
        draft.refresh_from_db()
        draft.get_latest_revision_as_object().save_revision(user=editor, log_action=True)
        return is_valid(self)

    monkeypatch.setattr(ArticlePageForm, "is_valid", draft_saved_meanwhile)
    revisions = draft.revisions.count()
    response = editor_client.post(url, autosave, **JSON)

    assert response.json()["error_code"] == "invalid_revision"
    assert draft.revisions.count() == revisions + 1  # the draft's, and no autosave after it
    # The editor the draft reloaded into is up to date: no "new version in another window".
    draft.refresh_from_db()
    assert "new version" not in ping(editor_client, draft, draft.latest_revision)


def test_an_autosave_from_the_latest_revision_is_saved(editor_client, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    revisions = draft.revisions.count()
    response = editor_client.post(url, form(draft, "Police say patrols helped."), **JSON)
    assert response.json()["success"] is True
    assert draft.revisions.count() == revisions + 1
    # And its next autosave overwrites the revision it made, as Wagtail does.
    again = form(draft, "Police say patrols helped a lot.")
    again["overwrite_revision_id"] = str(response.json()["revision_id"])
    assert editor_client.post(url, again, **JSON).json()["success"] is True
    assert draft.revisions.count() == revisions + 1


def test_an_autosave_from_a_form_loaded_before_another_tab_saved_is_refused(
    editor_client, editor, draft
):
    """A real newer version (another tab, saved after this one loaded) is still one."""
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    stale = form(draft, "Written in the first tab.")
    draft.refresh_from_db()
    loaded = draft.latest_revision
    draft.get_latest_revision_as_object().save_revision(user=editor)  # the second tab
    response = editor_client.post(url, stale, **JSON)
    assert response.json()["error_code"] == "invalid_revision"
    assert "You saved a new version in another window" in " ".join(
        ping(editor_client, draft, loaded).split()
    )
