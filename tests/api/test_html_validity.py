"""The Nu HTML checker (npm's `vnu-jar`, as `make audit` uses it) finds no error on an embed
page, a story offering its embed codes, or a "Republish this story" page.

Skipped where the checker is not installed (`npm ci`; or `VNU_JAR=path/to/vnu.jar`).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from articles.blocks import ArticleBodyBlock
from articles.licences import Licence
from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parent.parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (VNU_JAR.exists() and shutil.which("java")), reason="the Nu HTML checker is absent"
    ),
]


def nu_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    return [f"{m['url']}: {m['message']}" for m in messages if m["type"] == "error"]


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
