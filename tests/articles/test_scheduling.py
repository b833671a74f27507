"""Scheduled publishing: `manage.py publish_scheduled` puts a story live once its time has come,
unless it fails its guard rails then; the date readers see can differ from go-live."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
from bs4 import BeautifulSoup

from tests.editorial import time_comes
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def schedule(story, *, in_days=1):
    """Schedule the story as the admin's "Publish" with a go-live time does."""
    story.go_live_at = timezone.now() + datetime.timedelta(days=in_days)
    story.save_revision().publish()
    return story.scheduled_revision


def run_scheduler(*args):
    err = io.StringIO()
    call_command("publish_scheduled", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def byline_date(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.select_one(".byline time").get_text()


@pytest.fixture
def story(news_index):
    return ArticlePageFactory(
        parent=news_index, title="Embargoed report", slug="embargoed-report", live=False
    )


def test_a_scheduled_story_goes_live_when_the_scheduler_runs_after_its_time(client, story):
    revision = schedule(story)
    run_scheduler()
    assert client.get("/news/embargoed-report/").status_code == 404
    time_comes(revision)
    run_scheduler()
    story.refresh_from_db()
    assert story.live
    assert client.get("/news/embargoed-report/").status_code == 200


def test_a_back_dated_story_keeps_its_publish_date_when_it_goes_live(client, story):
    story.publish_date = datetime.date(2020, 9, 3)
    time_comes(schedule(story))
    run_scheduler()
    assert byline_date(client, "/news/embargoed-report/") == "3 September 2020"


def test_without_a_publish_date_readers_see_the_day_it_went_live(client, story):
    story.publish_date = None
    time_comes(schedule(story))
    run_scheduler()
    today = timezone.localdate()
    assert byline_date(client, "/news/embargoed-report/") == f"{today:%-d %B %Y}"


def test_the_scheduler_holds_back_a_story_failing_its_guard_rails(story, unsourced_quotes_fail):
    # Scheduled when it passed; by go-live time its block reports an error (as a statistics
    # block does when its figure has been deleted since).
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    revision = schedule(story)
    time_comes(revision)
    reason = "The quote by Anonymous has no named source."
    assert f"Not publishing “Embargoed report”: {reason}" in run_scheduler()
    story.refresh_from_db()
    assert not story.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    entry = PageLogEntry.objects.filter(page=story, action="articles.publish_blocked").get()
    assert entry.message == f"Not published at its scheduled time: {reason}"


def test_a_dry_run_changes_nothing(story, monkeypatch):
    revision = schedule(story)
    time_comes(revision)
    monkeypatch.setattr("articles.scheduling.publish_errors", lambda page: ["Missing figure."])
    assert "Missing figure." in run_scheduler("--dryrun")
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
