"""The dashboard by role: reporters see their drafts (with "New story") and their stories in
review; editors the review queue, what is scheduled, recently published and stories whose
figures changed; helpline staff only helpline lists. Each list is one query."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from articles.dashboard import (
    FiguresChanged,
    RecentlyPublished,
    ScheduledStories,
    StoriesInReview,
    YourDrafts,
    YourStoriesInReview,
)
from articles.models import ArticlePage
from newsroom.dashboard import LISTS
from tests.editorial import panel_rows, story_form
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

REPORTER_LISTS = {
    "changes-requested",
    "your-drafts",
    "your-stories-in-review",
    "scheduled-stories",
}
EDITOR_LISTS = {
    "changes-requested",
    "your-drafts",
    "stories-in-review",
    "scheduled-stories",
    "recently-published",
    "figures-changed",
    "latest-figure-imports",
}


def write(client, news_index, title, action=None):
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(url, story_form(title=title, action=action))
    return ArticlePage.objects.get(title=title)


def dashboard(client):
    return BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")


def our_lists(soup):
    """The dashboard's lists of ours (beside Wagtail's own panels)."""
    ids = {section.get("id", "").removesuffix("-section") for section in soup.select("section")}
    return ids & {listing.name for listing in LISTS}


def titles(client, panel):
    return [title for title, _, _ in panel_rows(client, panel)]


def test_a_reporter_sees_their_drafts_and_stories_in_review(client, reporter, news_index):
    ArticlePageFactory(parent=news_index, title="Someone else's draft", live=False)
    client.force_login(reporter)
    write(client, news_index, "Library cuts draft")
    write(client, news_index, "Bus routes story", action="submit")
    assert titles(client, "your-drafts") == ["Library cuts draft"]
    assert titles(client, "your-stories-in-review") == ["Bus routes story"]
    assert our_lists(dashboard(client)) == REPORTER_LISTS


def test_a_reporter_has_a_new_story_button(client, reporter, news_index):
    client.force_login(reporter)
    button = dashboard(client).select_one("#your-drafts-section a.button")
    assert button.get_text(strip=True) == "New story"
    assert button["href"] == reverse(
        "wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk]
    )


def test_an_editor_sees_the_desk(client, reporter, editor, news_index):
    client.force_login(reporter)
    write(client, news_index, "Bus routes story", action="submit")
    ArticlePageFactory(parent=news_index, title="Older story")
    changed = ArticlePageFactory(parent=news_index, title="Story with new figures")
    ArticlePage.objects.filter(pk=changed.pk).update(figures_updated_at=timezone.now())
    client.force_login(editor)
    assert our_lists(dashboard(client)) == EDITOR_LISTS
    assert titles(client, "stories-in-review") == ["Bus routes story"]
    assert titles(client, "recently-published") == ["Story with new figures", "Older story"]
    assert titles(client, "figures-changed") == ["Story with new figures"]


def test_helpline_staff_see_only_helpline_lists(client, helpline_staff):
    client.force_login(helpline_staff)
    soup = dashboard(client)
    assert our_lists(soup) == {"helplines-to-verify"}
    panels = soup.select("main section.w-panel, main .w-panel")
    assert {panel.get("id") for panel in panels} == {"helplines-to-verify-section"}


@pytest.mark.parametrize(
    "listing",
    [
        YourDrafts,
        YourStoriesInReview,
        StoriesInReview,
        ScheduledStories,
        RecentlyPublished,
        FiguresChanged,
    ],
)
def test_each_list_is_one_query(
    client, reporter, editor, news_index, listing, django_assert_num_queries
):
    client.force_login(reporter)
    for n in range(3):
        write(client, news_index, f"Draft {n}")
        write(client, news_index, f"Submitted {n}", action="submit")
        story = ArticlePageFactory(parent=news_index, live=False)
        story.go_live_at = timezone.now() + datetime.timedelta(days=1)
        story.save_revision().publish()
        live = ArticlePageFactory(parent=news_index)
        ArticlePage.objects.filter(pk=live.pk).update(figures_updated_at=timezone.now())
    user = editor if listing in (StoriesInReview, RecentlyPublished, FiguresChanged) else reporter
    ContentType.objects.get_for_model(ArticlePage)  # cached, as after the first request
    with django_assert_num_queries(1):
        assert len(listing.rows(user)) == 3
