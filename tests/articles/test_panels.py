"""Dashboard panels: what waits for an editor's review, and what is scheduled to go live."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from articles.panels import ScheduledStoriesPanel, StoriesInReviewPanel
from tests.editorial import quote, story_form
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def panel_rows(client, panel_id):
    """Each row of a dashboard panel as (title, detail, problems), or None without the panel."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find(id=f"{panel_id}-section")
    if panel is None:
        return None
    return [
        (
            row.select_one("td.title a").get_text(strip=True),
            row.select("td")[-1].get_text(strip=True),
            [p.get_text(strip=True) for p in row.select(".help-critical")],
        )
        for row in panel.select("tbody tr")
    ]


def submit(client, news_index, **form):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(url, story_form(action="submit", **form))


def schedule(story, at):
    story.go_live_at = at
    story.save_revision().publish()


def test_editors_see_stories_awaiting_review_with_their_problems(
    client, reporter, editor, news_index, unsourced_quotes_fail
):
    client.force_login(reporter)
    submit(client, news_index, title="Market hall to reopen")
    submit(client, news_index, title="Unsourced claims", body=[quote("Trust me.", "Anonymous")])
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
        ("Sooner", f"{timezone.localtime(tomorrow):%-d %B %Y, %H:%M}"),
        ("Later", f"{timezone.localtime(tomorrow + datetime.timedelta(hours=2)):%-d %B %Y, %H:%M}"),
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
    for panel in (StoriesInReviewPanel(editor), ScheduledStoriesPanel(editor)):
        panel.get_rows()  # content types cached
        with CaptureQueriesContext(connection) as queries:
            assert len(panel.get_rows()) == count
        assert len(queries) == 1
