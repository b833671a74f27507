"""The API and embed addresses purged when what they show changes."""

import pytest

from api.purge import paths_showing
from articles.blocks import ArticleBodyBlock
from newsroom.page_cache import purge_path
from statistics.models import Figure
from tests.factories import ArticlePageFactory, HelplineFactory, PictureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chart_story(news_index, offences, wiltshire):
    chart = {"measure": offences.pk, "forces": [wiltshire.pk], "periods": [], "caption": ""}
    return ArticlePageFactory(
        parent=news_index,
        body=ArticleBodyBlock().to_python([{"type": "figure_chart", "value": chart}]),
    )


def test_a_corrected_figure_purges_the_figures_and_the_embeds_of_stories_showing_it(
    chart_story, offences
):
    figure = Figure.objects.filter(measure=offences).first()
    paths = paths_showing(figure, story_ids=[chart_story.pk])
    assert {
        "/api/figures/",
        f"/api/figures/{figure.pk}/",
        f"/api/v2/pages/{chart_story.pk}/",
        f"/embed/{chart_story.pk}/{chart_story.body[0].id}/",
    } <= paths


def test_a_story_purges_the_listing_its_item_and_its_embeds(chart_story):
    assert paths_showing(chart_story) == {
        "/api/v2/pages/",
        f"/api/v2/pages/{chart_story.pk}/",
        f"/embed/{chart_story.pk}/{chart_story.body[0].id}/",
        f"/republish/{chart_story.pk}/",
    }


def test_helplines_pictures_and_measures(offences, db):
    helpline = HelplineFactory()
    assert paths_showing(helpline) == {"/api/helplines/", f"/api/helplines/{helpline.pk}/"}
    picture = PictureFactory()
    assert f"/api/v2/images/{picture.pk}/" in paths_showing(picture)
    assert "/api/measures/online-offences/" in paths_showing(offences)


def test_a_cached_api_answer_is_dropped_by_its_purge(client, settings, offences):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/api/figures/")
    assert client.get("/api/figures/")["X-Page-Cache"] == "hit"
    figure = Figure.objects.filter(measure=offences, period="2019/20").first()
    figure.value = 70
    figure.save()
    for path in paths_showing(figure):
        purge_path(path)
    response = client.get("/api/figures/")
    assert response["X-Page-Cache"] == "miss"
    assert 70 in [f["value"] for f in response.json()["results"]]
