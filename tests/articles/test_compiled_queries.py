"""Queries compiled once per process (`articles.compiled_queries`): compiled by Django the
first time, then run with each call's own values."""

import pytest

from articles.compiled_queries import CompiledQuery
from articles.models import ArticleCorrection
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_compiled_query_runs_with_each_calls_own_values(news_index):
    first, second = ArticlePageFactory(parent=news_index), ArticlePageFactory(parent=news_index)
    ArticleCorrection.objects.create(page=first, note="First's")
    ArticleCorrection.objects.create(page=second, note="Second's")
    notes = CompiledQuery(
        lambda pk: ArticleCorrection.objects.filter(page_id=pk).order_by("pk"), pk=-1
    )
    assert [c.note for c in notes.objects(pk=first.pk)] == ["First's"]
    assert [c.note for c in notes.objects(pk=second.pk)] == ["Second's"]
    slugs = CompiledQuery(
        lambda depth: type(first).objects.filter(depth=depth).order_by("slug").values_list("slug"),
        depth=999_999,
    )
    assert slugs.values(depth=first.depth) == sorted([first.slug, second.slug])


def test_a_stand_in_that_django_rewrites_is_refused(news_index):
    """`startswith` turns the value into a LIKE pattern: the stand-in would never be found
    in the parameters, and the query would run with it."""
    story = ArticlePageFactory(parent=news_index)
    prefixed = CompiledQuery(
        lambda slug: type(story).objects.filter(slug__startswith=slug), slug="\x00slug"
    )
    with pytest.raises(ValueError, match="Stand-ins"):
        prefixed.objects(slug=story.slug[:3])
