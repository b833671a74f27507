"""The API and embed addresses purged when what they show changes."""

import pytest

from api.pages_showing import paths_showing
from articles.blocks import ArticleBodyBlock
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


def test_a_corrected_figure_empties_the_cached_api_answer_and_embeds_showing_it(
    client, settings, chart_story, offences, django_capture_on_commit_callbacks
):
    """Through the one purge path: the change's signal, the registry, the page cache."""
    settings.PAGE_CACHE_SECONDS = 600
    embed = f"/embed/{chart_story.pk}/{chart_story.body[0].id}/"
    for path in ("/api/figures/", embed):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path
    figure = Figure.objects.get(measure=offences, force__slug="wiltshire", period="2019/20")
    figure.value = 70
    with django_capture_on_commit_callbacks(execute=True):
        figure.save()
    response = client.get("/api/figures/")
    assert response["X-Page-Cache"] == "miss"
    assert 70 in [f["value"] for f in response.json()["results"]]
    assert client.get(embed)["X-Page-Cache"] == "miss"
