import pytest

from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory, FigureFactory, MeasureFactory


@pytest.fixture
def offences(wiltshire, hampshire):
    """The reference story's measure and four figures."""
    measure = MeasureFactory(name="Online child sex offences recorded", slug="online-offences")
    for force, period, value in [
        (wiltshire, "2018/19", 77),
        (wiltshire, "2019/20", 63),
        (hampshire, "2018/19", 131),
        (hampshire, "2019/20", 247),
    ]:
        FigureFactory(measure=measure, force=force, period=period, value=value)
    return measure


@pytest.fixture
def story_with_blocks(news_index):
    """Make a published story whose body is the given blocks (as stream data)."""

    def make(*blocks, **fields):
        body = ArticleBodyBlock().to_python([{"type": t, "value": v} for t, v in blocks])
        return ArticlePageFactory(parent=news_index, body=body, **fields)

    return make
