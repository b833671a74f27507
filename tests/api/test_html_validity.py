"""The Nu HTML checker finds no error on an embed page, a story offering its embed codes, or
a "Republish this story" page."""

import pytest

from articles.blocks import ArticleBodyBlock
from articles.licences import Licence
from tests.factories import ArticlePageFactory
from tests.html_checker import nu_errors, require_checker

pytestmark = [pytest.mark.django_db, require_checker()]


def test_embed_story_and_republish_pages_are_valid_html(
    client, news_index, offences, wiltshire, tmp_path
):
    chart = {"measure": offences.pk, "forces": [wiltshire.pk], "periods": [], "caption": ""}
    story = ArticlePageFactory(
        parent=news_index,
        licence=Licence.CC_BY_ND,
        body=ArticleBodyBlock().to_python(
            [
                {"type": "paragraph", "value": "<p>Text.</p>"},
                {"type": "figure_chart", "value": chart},
                {
                    "type": "figure_comparison",
                    "value": {"measure": offences.pk, "force": wiltshire.pk, "period": "2019/20"},
                },
            ]
        ),
    )
    pages = {
        "story": client.get(story.url).content,
        "chart": client.get(f"/embed/{story.pk}/{story.body[1].id}/").content,
        "comparison": client.get(f"/embed/{story.pk}/{story.body[2].id}/").content,
        "republish": client.get(f"/republish/{story.pk}/").content,
    }
    assert nu_errors(pages, tmp_path) == []
