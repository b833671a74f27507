"""Stories show figures as they are now, and fetch them in one query however many blocks."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from statistics.models import Figure, PoliceForce
from tests.factories import FigureFactory
from tests.statistics.streams import comparison, table

pytestmark = pytest.mark.django_db


def sentences(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [p.text for p in html.select(".stat__sentence")]


def test_correcting_a_figure_changes_every_story_that_shows_it(
    client, story_with_blocks, offences, wiltshire
):
    first = story_with_blocks(comparison(offences, wiltshire))
    second = story_with_blocks(comparison(offences, wiltshire), table(offences))
    figure = Figure.objects.get(measure=offences, force=wiltshire, period="2019/20")
    figure.value = 70
    figure.save()
    expected = "70 incidents in 2019/20, compared to 77 in 2018/19: a drop of 9%."
    assert sentences(client, first) == [expected]
    assert sentences(client, second) == [expected]
    html = BeautifulSoup(client.get(second.url).content, "html.parser")
    wiltshire_row = [td.text for td in html.select("tbody tr")[1].select("td")]
    assert wiltshire_row == ["77", "70", "−9%"]


def test_a_missing_figure_never_breaks_the_page(client, story_with_blocks, offences, wiltshire):
    page = story_with_blocks(comparison(offences, wiltshire))
    Figure.objects.filter(force=wiltshire, period="2018/19").delete()
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".stat__missing").text == "Figure not available."


def query_count(client, page):
    client.get(page.url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def twenty_forces(offences):
    forces = list(PoliceForce.objects.order_by("name")[:20])
    for force in forces:
        FigureFactory(measure=offences, force=force, period="2020/21", value=force.pk)
    return forces


def test_one_block_and_twenty_cost_the_same_queries(
    client, story_with_blocks, offences, twenty_forces
):
    one = story_with_blocks(comparison(offences, twenty_forces[0], "2020/21"))
    twenty = story_with_blocks(*[comparison(offences, force, "2020/21") for force in twenty_forces])
    assert len(twenty.body) == 20
    assert query_count(client, one) == query_count(client, twenty)


def test_three_kinds_of_block_and_twenty_cost_the_same_queries(
    client, story_with_blocks, offences, twenty_forces
):
    kinds = [
        comparison(offences, twenty_forces[0], "2020/21"),
        table(offences, twenty_forces[:2]),
        table(offences, twenty_forces[2:4], kind="figure_chart"),
    ]
    three = story_with_blocks(*kinds)
    twenty = story_with_blocks(
        *[comparison(offences, force, "2020/21") for force in twenty_forces[:18]],
        table(offences, twenty_forces[:5]),
        table(offences, twenty_forces[5:9], ["2019/20", "2020/21"], kind="figure_chart"),
    )
    assert query_count(client, three) == query_count(client, twenty)


def table_rows(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    table = html.select_one("table")
    head = [th.text for th in table.select("thead th")]
    return head, [[c.text for c in tr.select("th, td")] for tr in table.select("tbody tr")]


def test_a_table_of_chosen_forces_shows_only_their_periods_beside_other_blocks(
    client, story_with_blocks, offences, wiltshire, hampshire
):
    """Its periods are those its own forces have figures for, whatever period another block
    of the same story shows for another force: as the same table embedded alone."""
    FigureFactory(measure=offences, force=hampshire, period="2017/18", value=100)
    page = story_with_blocks(
        comparison(offences, hampshire, "2018/19", compare_with="2017/18"),
        table(offences, forces=[wiltshire]),
    )
    head, rows = table_rows(client, page)
    assert head == ["Force", "2018/19", "2019/20", "Change, 2018/19 to 2019/20"]
    assert rows == [["Wiltshire Police", "77", "63", "−18%"]]


def test_a_table_of_chosen_periods_shows_only_forces_with_figures_in_them(
    client, story_with_blocks, offences, wiltshire, hampshire
):
    dorset = PoliceForce.objects.get(slug="dorset")
    FigureFactory(measure=offences, force=dorset, period="2017/18", value=40)
    page = story_with_blocks(
        comparison(offences, dorset, "2017/18"),
        table(offences, periods=["2018/19", "2019/20"]),
    )
    _head, rows = table_rows(client, page)
    assert [row[0] for row in rows] == ["Hampshire Constabulary", "Wiltshire Police"]
