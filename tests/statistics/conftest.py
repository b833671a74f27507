import pytest

from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory


@pytest.fixture
def story_with_blocks(news_index):
    """Make a published story whose body is the given blocks (as stream data)."""

    def make(*blocks, **fields):
        body = ArticleBodyBlock().to_python([{"type": t, "value": v} for t, v in blocks])
        return ArticlePageFactory(parent=news_index, body=body, **fields)

    return make
