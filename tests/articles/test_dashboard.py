"""Dashboard lists: what waits for an editor's review, and what is scheduled to go live."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from articles.dashboard import ScheduledStories, StoriesInReview
from articles.models import ArticlePage
from tests.editorial import admin_messages, panel_rows, quote, story_form
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def submit(client, news_index, **form):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(url, story_form(action="submit", **form))


def schedule(story, at):
    story.go_live_at = at
    story.save_revision().publish()


def test_editors_see_stories_awaiting_review_with_their_problems(
    client, reporter, editor, news_index, request
):
    client.force_login(reporter)
    submit(client, news_index, title="Market hall to reopen")
    submit(client, news_index, title="Unsourced claims", body=[quote("Trust me.", "Anonymous")])
    # Submitted while the quote passed; it fails now (as when a figure is deleted later).
    request.getfixturevalue("unsourced_quotes_fail")
    # The reporter sees Wagtail's own "your pages in a workflow", not the editors' queue.
    assert panel_rows(client, "stories-in-review") is None
    client.force_login(editor)
    rows = panel_rows(client, "stories-in-review")
    assert [(title, problems) for title, _, problems in rows] == [
        ("Market hall to reopen", []),
        ("Unsourced claims", ["The quote by Anonymous has no named source."]),
    ]
    assert rows[0][1].startswith("by Reporter, ")


def test_everyone_sees_scheduled_stories_soonest_first(client, reporter, news_index):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    later = ArticlePageFactory(parent=news_index, title="Later", live=False)
    sooner = ArticlePageFactory(parent=news_index, title="Sooner", live=False)
    schedule(later, tomorrow + datetime.timedelta(hours=2))
    schedule(sooner, tomorrow)
    client.force_login(reporter)
    rows = panel_rows(client, "scheduled-stories")
    assert [(title, detail) for title, detail, _ in rows] == [
        ("Sooner", f"{timezone.localtime(tomorrow):%-d %B %Y, %H:%M %Z}"),
        (
            "Later",
            f"{timezone.localtime(tomorrow + datetime.timedelta(hours=2)):%-d %B %Y, %H:%M %Z}",
        ),
    ]


@pytest.mark.parametrize("count", [1, 6])
def test_panels_take_a_fixed_number_of_queries(client, reporter, editor, news_index, count):
    client.force_login(reporter)
    for n in range(count):
        submit(client, news_index, title=f"Story {n}")
        schedule(
            ArticlePageFactory(parent=news_index, live=False),
            timezone.now() + datetime.timedelta(days=1),
        )
    for listing in (StoriesInReview, ScheduledStories):
        listing.rows(editor)  # content types cached
        with CaptureQueriesContext(connection) as queries:
            assert len(listing.rows(editor)) == count
        assert len(queries) == 1


def test_a_request_for_changes_is_on_the_writers_dashboard_and_atop_the_story_until_resubmitted(
    client, reporter, editor, news_index
):
    client.force_login(reporter)
    submit(client, news_index, title="Market hall to reopen")
    story = ArticlePage.objects.get(title="Market hall to reopen")
    client.force_login(editor)
    task_state = story.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "reject", task_state.pk]),
        {"comment": "Name the council officer."},
    )

    client.force_login(reporter)
    [(title, detail, _)] = panel_rows(client, "changes-requested")
    assert title == "Market hall to reopen" and detail.startswith("Editor, ")
    home = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    note = home.select_one("#changes-requested-section blockquote").get_text(strip=True)
    assert note == "“Name the council officer.”"
    assert panel_rows(client, "your-drafts") == []  # listed once, where the comment is
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    [banner] = [m for m in admin_messages(client.get(edit)) if "Changes requested" in m]
    assert banner.startswith("Changes requested by Editor, ")
    assert "“Name the council officer.” Make them, then submit the story" in banner

    client.post(edit, story_form(title="Market hall to reopen", action="submit"))
    assert panel_rows(client, "changes-requested") == []
    assert not [m for m in admin_messages(client.get(edit)) if "Changes requested" in m]


def test_a_scheduled_story_is_not_also_among_the_drafts(client, editor, news_index):
    story = ArticlePageFactory(parent=news_index, title="Embargoed", live=False, owner=editor)
    schedule(story, timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    assert [row[0] for row in panel_rows(client, "scheduled-stories")] == ["Embargoed"]
    assert "Embargoed" not in [row[0] for row in panel_rows(client, "your-drafts")]
