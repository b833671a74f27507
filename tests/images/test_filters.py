"""A filter spec is parsed once per process: Wagtail makes a new `Filter` for every image
tag and rendition lookup and parses its spec into operations again, which was a tenth of a
story's render (twelve renditions of its hero picture)."""

from django.utils.functional import cached_property

from wagtail.images.models import Filter
from wagtail.images.tests.utils import get_test_image_file

import pytest

from images.models import Picture, kept_filter
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parsed_specs(monkeypatch) -> list[str]:
    """The specs whose operations are worked out, in order."""
    parsed = []
    work_out = Filter.operations.func

    def counted(self):
        parsed.append(self.spec)
        return work_out(self)

    operations = cached_property(counted)
    operations.__set_name__(Filter, "operations")
    monkeypatch.setattr(Filter, "operations", operations)
    kept_filter.cache_clear()
    return parsed


def test_a_story_page_parses_its_pictures_filters_once(client, news_index, parsed_specs):
    picture = Picture.objects.create(title="Chart", file=get_test_image_file(size=(1600, 900)))
    story = ArticlePageFactory(parent=news_index, hero_image=picture, hero_alt_text="A chart.")
    assert client.get(story.url).status_code == 200
    first = list(parsed_specs)
    assert "format-webp|width-480" in first  # the hero's <picture>
    assert "fill-1200x630|format-jpeg" in first  # its social card

    response = client.get(story.url)

    assert response.status_code == 200
    assert 'srcset="' in response.content.decode()
    assert parsed_specs == first


def test_a_rendition_asked_for_by_a_filter_or_its_spec_is_the_same(parsed_specs):
    picture = Picture.objects.create(title="Chart", file=get_test_image_file(size=(1600, 900)))
    by_spec = picture.get_rendition("width-480")
    by_filter = Picture.objects.get(pk=picture.pk).get_rendition(Filter(spec="width-480"))
    assert (by_spec.pk, by_spec.width) == (by_filter.pk, 480)
    assert parsed_specs == ["width-480"]
