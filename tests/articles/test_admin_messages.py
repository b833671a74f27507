"""What the admin says after scheduling, publishing and approving is what happened: the
go-live time with its time zone, and "published" when an approval publishes."""

import re

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from tests.editorial import admin_messages, story_form
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def add_story(client, news_index, **kwargs):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    return client.post(url, story_form(title="Market hall to reopen", **kwargs), follow=True)


@pytest.mark.parametrize(
    ("go_live", "said"),
    [
        ("2099-01-15 10:00", "15 January 2099, 10:00 GMT"),
        ("2099-07-15 10:00", "15 July 2099, 10:00 BST"),
    ],
)
def test_scheduling_says_when_with_the_time_zone(client, editor, news_index, go_live, said):
    client.force_login(editor)
    response = add_story(
        client, news_index, authors=[AuthorFactory()], action="publish", go_live_at=go_live
    )
    story = ArticlePage.objects.get(slug="market-hall-to-reopen")
    assert not story.live and story.scheduled_revision is not None
    assert admin_messages(response)[-1] == f"Scheduled for {said}: “Market hall to reopen”. Edit"


def test_scheduling_with_a_warning_says_scheduled_not_published(client, editor, news_index):
    client.force_login(editor)
    response = add_story(client, news_index, action="publish", go_live_at="2099-01-15 10:00")
    assert admin_messages(response)[0].startswith(
        "Scheduled for 15 January 2099, 10:00 GMT, but check: "
        "This story has no author: readers will see no byline."
    )
    assert not any(message.startswith("Published") for message in admin_messages(response))


def approve_in_editor(client, story, **form):
    """The editor's "Approve" in the story's footer: the edit form, saved, then approved."""
    data = story_form(title=story.title, **form)
    data["article_authors-0-author"] = story.article_authors.get().author_id
    data["article_authors-0-id"] = story.article_authors.get().pk
    data["article_authors-TOTAL_FORMS"] = data["article_authors-INITIAL_FORMS"] = "1"
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    return client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True)


def test_approving_says_the_story_is_published(client, reporter, editor, news_index):
    client.force_login(reporter)
    add_story(client, news_index, authors=[AuthorFactory()], action="submit")
    story = ArticlePage.objects.get(slug="market-hall-to-reopen")
    client.force_login(editor)
    response = approve_in_editor(client, story)
    story.refresh_from_db()
    assert story.live
    assert admin_messages(response) == [
        "Approved and published: “Market hall to reopen” is live. View live Edit"
    ]


def test_an_approval_of_a_story_changed_meanwhile_says_so(
    client, reporter, editor, news_index, unsourced_quotes_fail
):
    client.force_login(reporter)
    add_story(client, news_index, authors=[AuthorFactory()], action="submit")
    story = ArticlePage.objects.get(slug="market-hall-to-reopen")
    # While the editor reads it, the reporter saves a change that fails the guard rails.
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    story.save_revision(user=reporter)
    client.force_login(editor)
    response = approve_in_editor(client, story)
    story.refresh_from_db()
    assert not story.live and story.workflow_in_progress
    assert admin_messages(response) == [
        "Not approved: “Market hall to reopen” was changed while you had it open. "
        "Your version is saved: check it and approve again to publish it. Edit"
    ]


def test_the_schedule_dialog_names_the_time_zone(client, editor, news_index):
    client.force_login(editor)
    add_story(client, news_index)
    story = ArticlePage.objects.get(slug="market-hall-to-reopen")
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content, "html.parser"
    )
    dialog = soup.find(id="schedule-publishing-dialog")
    # The dialog is drawn from a <template>: its text is read from the markup.
    text = BeautifulSoup(dialog.decode_contents(), "html.parser").get_text(" ", strip=True)
    assert re.search(r"Go live date/time .*UK time \((GMT|BST) now\)\.", text)
