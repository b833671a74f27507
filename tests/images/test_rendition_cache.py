"""Renditions are kept in each process's memory, not the shared cache: Wagtail writes every
rendition it hands out back to the cache on every render, and on the shared cache (Redis, or
files on one machine) that is a dozen network or disk writes per story page."""

from unittest import mock

from django.core.cache import caches

from wagtail.images.tests.utils import get_test_image_file

import pytest

from images.models import Picture
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def keys_written(calls) -> list[str]:
    keys = [call.args[0] for call in calls.set.call_args_list]
    for call in calls.set_many.call_args_list:
        keys += list(call.args[0])
    return keys


def test_a_story_with_a_picture_writes_no_rendition_to_the_shared_cache(client, news_index):
    picture = Picture.objects.create(title="Chart", file=get_test_image_file(size=(1600, 900)))
    story = ArticlePageFactory(parent=news_index, hero_image=picture, hero_alt_text="A chart.")
    shared, renditions = caches["default"], caches["renditions"]
    with (
        mock.patch.object(shared, "set", wraps=shared.set) as shared_set,
        mock.patch.object(shared, "set_many", wraps=shared.set_many) as shared_set_many,
        mock.patch.object(renditions, "set", wraps=renditions.set) as rendition_set,
    ):
        spies = mock.Mock(set=shared_set, set_many=shared_set_many)
        for _ in range(2):
            assert client.get(story.url).status_code == 200
    assert not [key for key in keys_written(spies) if "rendition" in key]
    assert any(call.args[0].startswith("wagtail-rendition-") for call in rendition_set.mock_calls)
