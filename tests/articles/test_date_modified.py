"""A story's dateModified (and its sitemap lastmod) moves when a publish changes what readers
read, and only then."""

import datetime
import json

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory


def date_modified(client, story) -> str:
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    graph = data.get("@graph", [data]) if isinstance(data, dict) else data
    return next(item for item in graph if item.get("dateModified"))["dateModified"]


def publish(story, **changes):
    story = ArticlePage.objects.get(pk=story.pk)
    for name, value in changes.items():
        setattr(story, name, value)
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Figures released, and revised"},
        {"standfirst": "Forces released their figures, then corrected one."},
        {"body": [("paragraph", "<p>A new paragraph with the corrected figure.</p>")]},
    ],
)
def test_publishing_changed_text_moves_date_modified(client, story, change):
    assert date_modified(client, story) == "2020-09-03T00:00:00+01:00"
    before = timezone.now()
    story = publish(story, **change)
    assert story.revised_at >= before
    assert story.changed_at == story.revised_at
    assert date_modified(client, story) == timezone.localtime(story.revised_at).isoformat()


def test_republishing_the_same_text_leaves_date_modified(client, story):
    story = publish(story)
    assert story.revised_at is None
    assert date_modified(client, story) == "2020-09-03T00:00:00+01:00"


def test_a_draft_of_new_text_does_not_move_it_until_published(client, story):
    story.standfirst = "A draft nobody reads yet."
    story.save_revision()
    assert date_modified(client, story) == "2020-09-03T00:00:00+01:00"


def test_a_first_publication_is_not_a_revision(news_index):
    draft = ArticlePageFactory(
        parent=news_index, live=False, publish_date=datetime.date(2020, 1, 2)
    )
    story = publish(draft, title="Now published")
    assert story.revised_at is None
