"""Figures that cannot surprise: a figure's and a measure's usage list the stories that show
it; editing a figure shown by live stories warns and names them; afterwards those stories say
"Figures updated on <date>" beside the byline, their dateModified moves and their cached
pages are dropped."""

import datetime
import io
import json

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from statistics.importers import FigureImporter, SourceDetails
from statistics.layouts import ImportOptions
from statistics.models import Figure, PoliceForce
from tests.factories import ArticlePageFactory, FigureFactory, MeasureFactory
from tests.statistics.streams import table

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(wiltshire):
    measure = MeasureFactory(name="Online child sex offences recorded", slug="online-offences")
    FigureFactory(measure=measure, force=wiltshire, period="2018/19", value=77)
    return FigureFactory(measure=measure, force=wiltshire, period="2019/20", value=63)


def story_with_chart(news_index, figure, title, **fields):
    kind, value = table(figure.measure, [figure.force], ["2018/19", "2019/20"], "figure_chart")
    return ArticlePageFactory(
        parent=news_index,
        title=title,
        publish_date=datetime.date(2020, 9, 3),
        body=[{"type": kind, "value": value}],
        **fields,
    )


@pytest.fixture
def charted_story(news_index, figure):
    """A live story whose chart shows `figure`."""
    return story_with_chart(news_index, figure, "Offences against children rise")


def usage_titles(client, model, pk):
    url = reverse(f"wagtailsnippets_statistics_{model}:usage", args=[pk])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("td.title a")]


def test_a_figure_and_its_measure_list_the_stories_that_show_it(
    admin_client, charted_story, figure
):
    assert usage_titles(admin_client, "figure", figure.pk) == [charted_story.title]
    assert charted_story.title in usage_titles(admin_client, "measure", figure.measure_id)
    unshown = Figure.objects.get(period="2018/19")
    other = FigureFactory(measure=figure.measure, force=PoliceForce.objects.get(slug="kent"))
    assert usage_titles(admin_client, "figure", unshown.pk) == [charted_story.title]
    assert usage_titles(admin_client, "figure", other.pk) == []


def test_editing_a_figure_shown_by_live_stories_names_them(
    admin_client, news_index, charted_story, figure
):
    story_with_chart(news_index, figure, "A draft about it", live=False)
    url = reverse("wagtailsnippets_statistics_figure:edit", args=[figure.pk])
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    warning = " ".join(soup.select_one(".messages").get_text(" ", strip=True).split())
    assert f"Live stories show this figure: “{charted_story.title}”." in warning
    assert "A draft about it" not in warning
    assert f"Figures updated on {date_format(timezone.localdate(), 'j F Y')}" in warning


def change_value(client, figure, value):
    url = reverse("wagtailsnippets_statistics_figure:edit", args=[figure.pk])
    return client.post(
        url,
        {
            "force": figure.force_id,
            "measure": figure.measure_id,
            "period": figure.period,
            "value": value,
            "source": figure.source_id,
            "notes": "",
        },
    )


def test_after_a_change_the_story_says_its_figures_were_updated(
    admin_client, client, charted_story, figure, django_capture_on_commit_callbacks
):
    before = charted_story.modified_at()
    with django_capture_on_commit_callbacks(execute=True):
        assert change_value(admin_client, figure, 70).status_code == 302
    charted_story = ArticlePage.objects.get(pk=charted_story.pk)
    assert charted_story.figures_updated_at is not None
    assert charted_story.changed_at == charted_story.figures_updated_at > before
    client.logout()
    soup = BeautifulSoup(client.get(charted_story.url).content, "html.parser")
    note = soup.select_one(".byline__figures-updated").get_text(" ", strip=True)
    assert note == f"Figures updated on {date_format(timezone.localdate(), 'j F Y')}"
    data = json.loads(soup.find("script", type="application/ld+json").string)
    data = data if isinstance(data, dict) else data[0]
    graph = data.get("@graph", [data])
    article = next(item for item in graph if item.get("dateModified"))
    assert article["dateModified"] == charted_story.figures_updated_at.isoformat()


def test_a_story_not_showing_the_changed_figure_is_left_alone(
    admin_client, news_index, figure, wiltshire
):
    other_measure = MeasureFactory(name="Knife crime")
    other_figure = FigureFactory(measure=other_measure, force=wiltshire, period="2019/20")
    other = story_with_chart(news_index, other_figure, "About knives")
    change_value(admin_client, figure, 70)
    assert ArticlePage.objects.get(pk=other.pk).figures_updated_at is None


def test_the_cached_story_is_dropped_when_its_figure_changes(
    admin_client, client, settings, charted_story, figure, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.logout()
    assert client.get(charted_story.url)["X-Page-Cache"] == "miss"
    assert client.get(charted_story.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        change_value(admin_client, figure, 70)
    fresh = client.get(charted_story.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert b"Figures updated on" in fresh.content


def test_an_import_that_changes_a_shown_figure_marks_the_story(charted_story, figure):
    importer = FigureImporter(
        source=SourceDetails(
            publisher="NSPCC", title="Corrected figures", date_published=datetime.date(2021, 1, 5)
        ),
        options=ImportOptions(),
    )
    csv = "force,measure,period,value\nWiltshire,online-offences,2019/20,64\n"
    report = importer.run(io.BytesIO(csv.encode()), dry_run=False)
    assert report.updated == 1
    assert ArticlePage.objects.get(pk=charted_story.pk).figures_updated_at is not None
