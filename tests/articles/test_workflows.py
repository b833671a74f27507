"""The "Editor review" workflow: reporters submit, editors approve, and only then is it live."""

from django.urls import reverse

from wagtail.models import Comment, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage, EditorReviewTask
from tests.editorial import admin_messages, story_form
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_story(client, reporter, news_index):
    """A story a reporter wrote and submitted for review through the admin."""
    client.force_login(reporter)
    client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk]),
        story_form(title="Market hall to reopen", authors=[AuthorFactory()], action="submit"),
    )
    client.logout()
    return ArticlePage.objects.get(slug="market-hall-to-reopen")


def approve(client, story, action="approve", **data):
    task_state = story.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, action, task_state.pk])
    return client.post(url, data)


def test_stories_under_news_go_through_editor_review(news_index):
    workflow = news_index.get_workflow()
    assert workflow.name == "Editor review"
    [task] = workflow.tasks.specific()
    assert isinstance(task, EditorReviewTask)
    assert [group.name for group in task.groups.all()] == ["Editors"]


def test_a_submitted_story_waits_for_an_editor(client, submitted_story):
    assert not submitted_story.live
    assert submitted_story.workflow_in_progress
    assert client.get("/news/market-hall-to-reopen/").status_code == 404


def test_a_reporter_cannot_approve_their_own_story(client, reporter, submitted_story):
    client.force_login(reporter)
    assert approve(client, submitted_story)["Location"] == reverse("wagtailadmin_home")
    submitted_story.refresh_from_db()
    assert not submitted_story.live


def test_an_editor_approves_and_the_story_goes_live(client, editor, submitted_story):
    client.force_login(editor)
    approve(client, submitted_story)
    submitted_story.refresh_from_db()
    assert submitted_story.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    client.logout()
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert "Market hall to reopen" in [a.get_text(strip=True) for a in soup.select("main a")]


def test_an_editor_requests_changes_with_a_comment(client, editor, submitted_story):
    client.force_login(editor)
    approve(client, submitted_story, action="reject", comment="Name the council officer.")
    state = TaskState.objects.get()
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == "Name the council officer."
    submitted_story.refresh_from_db()
    assert not submitted_story.live


def test_an_editor_comments_on_a_story_in_review(client, editor, submitted_story):
    client.force_login(editor)
    comment = {"contentpath": "standfirst", "text": "Source for this?", "position": ""}
    client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted_story.pk]),
        story_form(
            title="Market hall to reopen",
            comments=inline_formset([{**comment, "replies": inline_formset([])}]),
        ),
    )
    [saved] = Comment.objects.filter(page=submitted_story)
    assert (saved.user, saved.text, saved.contentpath) == (editor, *list(comment.values())[1::-1])


def test_a_story_failing_its_guard_rails_cannot_be_approved(
    client, reporter, editor, submitted_story, unsourced_quotes_fail
):
    # Submitting runs the guard rails, but a story can fail them afterwards (a figure
    # deleted, a helpline unpublished, an edit): here, a later revision quotes Anonymous.
    story = submitted_story
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    story.save_revision(user=reporter)
    assert story.workflow_in_progress
    client.force_login(editor)
    # The editor opens it: told why, and offered "Request changes" but no "Approve".
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert (
        "This story cannot be published yet: The quote by Anonymous has no named source."
        in admin_messages(response)
    )
    actions = story.current_workflow_task.get_actions(story, editor)
    assert [name for name, _, _ in actions] == ["reject"]
    assert approve(client, story)["Location"] == reverse("wagtailadmin_home")
    story.refresh_from_db()
    assert not story.live


def test_approval_checks_the_latest_revision(editor, news_index, submitted_story, monkeypatch):
    """An edit after the approve button was shown is checked again when approval runs."""
    story = submitted_story
    task_state = story.current_workflow_task_state
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    story.save_revision(user=editor)
    from articles.blocks import QuoteBlock

    monkeypatch.setattr(
        QuoteBlock, "get_publish_errors", lambda self, value: ["No source."], raising=False
    )
    task_state.task.specific.on_action(task_state, editor, "approve")
    story.refresh_from_db()
    assert not story.live
    assert story.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_requesting_changes_is_called_so_in_the_message_the_email_and_the_history(
    client, editor, reporter, submitted_story, mailoutbox
):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted_story.pk]),
        story_form(
            title="Market hall to reopen",
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": '{"comment": "Name the council officer."}',
            },
        ),
        follow=True,
    )
    assert admin_messages(response)[0].startswith(
        "Changes requested: “Market hall to reopen” is back with its writer, with your comment."
    )
    [email] = [m for m in mailoutbox if reporter.email in m.to]
    assert email.subject == 'Changes requested to "Market hall to reopen" in "Editor review".'
    assert "has requested changes to" in email.body
    assert 'Their comment: "Name the council officer."' in email.body
    assert "reject" not in (email.subject + email.body).lower()
    history = client.get(reverse("wagtailadmin_pages:history", args=[submitted_story.pk]))
    text = BeautifulSoup(history.content, "html.parser").get_text(" ", strip=True)
    assert "Changes requested at 'Editor review'" in text
    assert "reject" not in text.lower()
    workflow_history = client.get(
        reverse("wagtailadmin_pages:workflow_history", args=[submitted_story.pk])
    )
    text = BeautifulSoup(workflow_history.content, "html.parser").get_text(" ", strip=True)
    assert "Needs changes" in text and "reject" not in text.lower()
