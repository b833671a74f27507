"""The apps are layers: newsroom, then articles, then contacts and statistics, then images.
Python imports are checked by import-linter (`lint-imports`, run by CI); this checks what it
cannot see, the lazy model strings ("articles.ArticlePage") that point at a higher layer."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["newsroom", "api", "articles", "contacts", "statistics", "images"]
MODEL_STRING = re.compile(r"""["'](newsroom|articles|contacts|statistics|images)\.[A-Z]\w*["']""")


def higher_layers(app):
    return set(LAYERS[: LAYERS.index(app)])


@pytest.mark.parametrize("app", LAYERS[1:])
def test_no_lazy_model_string_points_up(app):
    upward = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for match in MODEL_STRING.finditer(path.read_text())
        if match.group(1) in higher_layers(app)
    ]
    assert upward == []


def test_the_check_sees_an_upward_string():
    assert MODEL_STRING.search('parent_page_types = ["newsroom.HomePage"]').group(1) == "newsroom"
