import pytest

from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory


def helplines_body(helplines=(), mode="chosen", heading="How to report abuse"):
    """A story body of one paragraph and a `helplines` block."""
    return ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>The story.</p>"},
            {
                "type": "helplines",
                "value": {
                    "heading": heading,
                    "intro": "<p>Who to call.</p>",
                    "mode": mode,
                    "helplines": [helpline.pk for helpline in helplines],
                },
            },
        ]
    )


@pytest.fixture
def story_with_helplines(news_index):
    """Make a published story whose body ends with a helplines block."""

    def make(helplines=(), mode="chosen", areas=(), **fields):
        story = ArticlePageFactory(
            parent=news_index, body=helplines_body(helplines, mode), **fields
        )
        if areas:
            story.areas = list(areas)
            story.save_revision().publish()
        return story

    return make
