"""Feeds carry what editors type as text: a headline, standfirst, author name or topic
holding markup reaches a feed reader as those characters, never as an element it would
render. Checked with feedparser, which reads feeds as feed readers do."""

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ATTACK = '<img src=x onerror=alert(1)> & <script>alert("x")</script>'


@pytest.fixture
def hostile_story(news_index):
    return ArticlePageFactory(
        parent=news_index,
        title=f"Headline {ATTACK}",
        standfirst=f"Standfirst {ATTACK}",
        authors=[AuthorFactory(name=f"Author {ATTACK}", slug="author")],
        topics=[f"topic {ATTACK}"],
    )


def as_read(detail) -> str:
    """What a feed reader shows for a text construct: HTML is rendered, text is not."""
    if detail.type in ("text/html", "application/xhtml+xml"):
        soup = BeautifulSoup(detail.value, "html.parser")
        assert soup.find() is None, f"markup a reader would render: {detail.value!r}"
        return soup.get_text()
    return detail.value


@pytest.mark.parametrize("url", ["/news/feed/", "/news/feed/atom/", "/authors/author/feed/"])
def test_feed_readers_show_the_typed_characters(client, hostile_story, url):
    feed = feedparser.parse(client.get(url).content, sanitize_html=False)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert as_read(entry.title_detail) == f"Headline {ATTACK}"
    assert as_read(entry.summary_detail) == f"Standfirst {ATTACK}"
    assert ATTACK in entry.author
    assert [tag.term for tag in entry.tags] == [f"topic {ATTACK}"]
    assert as_read(feed.feed.title_detail).startswith("Author" if "authors" in url else "News")
    as_read(feed.feed.subtitle_detail)
