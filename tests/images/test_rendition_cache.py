"""Renditions are kept in each process's memory, not the shared cache: Wagtail writes every
rendition it hands out back to the cache on every render, and on the shared cache (Redis, or
files on one machine) that is a dozen network or disk writes per story page. There they are
kept as objects, without storing again what is held, and each read is a copy of its own."""

import time
from unittest import mock

from django.core.cache import caches
from django.core.files.storage import FileSystemStorage

from wagtail.images.tests.utils import get_test_image_file

import pytest

from images.models import Picture, Rendition
from newsroom.cache_backends import RenditionsCache
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


def picture(alt: str = "") -> Picture:
    return Picture(title="Chart", description=alt, collection_id=1)  # no database here


def rendition(spec: str, picture: Picture) -> Rendition:
    rendition = Rendition(filter_spec=spec, width=480, height=270, file=f"images/{spec}.jpg")
    rendition.image = picture
    return rendition


@pytest.fixture
def no_pickling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pickled")

    monkeypatch.setattr("django.core.cache.backends.locmem.pickle.dumps", refuse)
    monkeypatch.setattr("django.core.cache.backends.locmem.pickle.loads", refuse)


def test_a_rendition_written_back_is_not_stored_again_but_kept_longer(monkeypatch, no_pickling):
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    chart = picture()
    renditions.set_many({"held": rendition("width-480", chart)}, timeout=600)
    clock = [time.time() + 500]
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: clock[0])
    renditions.set_many(
        {"held": rendition("width-720", chart), "new": rendition("width-960", chart)},
        timeout=600,
    )
    clock[0] += 500  # 1,000 s after the first write, 500 after the write-back
    assert renditions.get("held").filter_spec == "width-480"
    assert renditions.get("new").filter_spec == "width-960"


def test_each_read_of_a_rendition_is_its_own(no_pickling):
    """Wagtail gives a rendition read from the cache the picture it was asked through, with
    that use's alt text: two pages (or threads) reading one rendition must not share it."""
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    renditions.set("hero", rendition("width-480", picture("A chart.")))
    first = renditions.get("hero")
    first.image = picture("Another page's alt text.")
    first.width = 1
    again = renditions.get("hero")
    assert (again.alt, again.width, again.url) == ("A chart.", 480, "/media/images/width-480.jpg")


def test_a_kept_rendition_asks_the_storage_for_its_url_once(monkeypatch):
    renditions = RenditionsCache("test-renditions", {"TIMEOUT": 600})
    made = rendition("width-480", picture("A chart."))
    renditions.set("hero", made)
    assert made.url == "/media/images/width-480.jpg"  # the page that made it shows it
    asked = []
    monkeypatch.setattr(FileSystemStorage, "url", lambda storage, name: asked.append(name))
    urls = {renditions.get("hero").url for _ in range(3)}
    assert (urls, asked) == ({"/media/images/width-480.jpg"}, [])
