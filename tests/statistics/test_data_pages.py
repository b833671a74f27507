"""/statistics/<measure>/ and its CSV and JSON downloads (the JSON shape is DESIGN.md's)."""

import csv
import datetime
import io

from django.utils import timezone
from django.utils.http import parse_http_date

import pytest
from bs4 import BeautifulSoup

from statistics.models import Figure, Measure, PoliceForce, Source
from tests.factories import FigureFactory

pytestmark = pytest.mark.django_db
URL = "/statistics/online-offences/"


def table_rows(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [[c.text.strip() for c in tr.select("th, td")] for tr in html.select("tbody tr")]


def test_page_shows_every_force_by_period_with_the_change_and_sources(client, offences):
    response = client.get(URL)
    assert response.status_code == 200
    assert table_rows(response) == [
        ["Hampshire Constabulary", "131", "247", "+89%"],
        ["Wiltshire Police", "77", "63", "−18%"],
    ]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("h1").text == "Online child sex offences recorded"
    assert "NSPCC" in html.select_one(".stat__source").text
    links = {a.text: a["href"] for a in html.select(".data-page__downloads a")}
    assert links == {
        "CSV": "/statistics/online-offences.csv",
        "JSON": "/statistics/online-offences.json",
    }


ALPHABETICAL = ["Hampshire Constabulary", "Kent Police", "Wiltshire Police"]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("force", ALPHABETICAL),
        ("change", ["Hampshire Constabulary", "Wiltshire Police", "Kent Police"]),
        ("-change", ["Wiltshire Police", "Hampshire Constabulary", "Kent Police"]),
        ("'; drop table", ALPHABETICAL),
        ("", ALPHABETICAL),
    ],
)
def test_sorting_by_link_falls_back_on_bad_values(client, offences, sort, order):
    """Kent has no earlier figure, so no change: it goes last when sorting by change."""
    FigureFactory(measure=offences, force=PoliceForce.objects.get(slug="kent"), period="2019/20")
    response = client.get(URL, {"sort": sort})
    assert response.status_code == 200
    assert [row[0] for row in table_rows(response)] == order


def test_unknown_measure_is_404(client, db):
    for suffix in ["/", ".csv", ".json"]:
        response = client.get(f"/statistics/no-such-measure{suffix}")
        assert response.status_code == 404
        assert BeautifulSoup(response.content, "html.parser").h1.text == "Page not found"


def test_json_matches_the_contract(client, offences):
    data = client.get("/statistics/online-offences.json").json()
    assert set(data) == {"measure", "unit", "sources", "figures"}
    assert (data["measure"], data["unit"]) == ("Online child sex offences recorded", "incidents")
    assert data["sources"][0]["publisher"] == "NSPCC"
    assert data["figures"][1] == {
        "force": "Hampshire Constabulary",
        "force_slug": "hampshire",
        "period": "2019/20",
        "value": 247,
        "previous_period": "2018/19",
        "previous_value": 131,
        "change_percent": 89,
        "direction": "up",
    }
    assert data["figures"][0]["change_percent"] is None
    assert data["figures"][0]["direction"] is None
    assert data["figures"][3]["change_percent"] == -18


def test_csv_has_the_same_rows(client, offences):
    response = client.get("/statistics/online-offences.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["force_slug"], r["period"], r["value"], r["change_percent"]) for r in rows] == [
        ("hampshire", "2018/19", "131", ""),
        ("hampshire", "2019/20", "247", "89"),
        ("wiltshire", "2018/19", "77", ""),
        ("wiltshire", "2019/20", "63", "-18"),
    ]


def test_csv_names_the_measure_unit_and_source_after_the_json_fields(client, offences):
    response = client.get("/statistics/online-offences.csv")
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    json_fields = list(client.get("/statistics/online-offences.json").json()["figures"][0])
    assert reader.fieldnames == json_fields + [
        "measure",
        "unit",
        "source_publisher",
        "source_title",
        "source_date",
        "source_url",
    ]
    source = offences.figures.first().source
    first = next(reader)
    assert (first["measure"], first["unit"]) == (offences.name, offences.unit)
    assert (first["source_publisher"], first["source_title"]) == (source.publisher, source.title)
    assert first["source_date"] == source.date_published.isoformat()
    assert first["source_url"] == source.url


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_downloads_say_when_figures_changed_and_answer_conditional_gets(
    client, offences, wiltshire, suffix
):
    url = f"/statistics/online-offences{suffix}"
    stamp = client.get(url)["Last-Modified"]
    unchanged = client.get(url, headers={"If-Modified-Since": stamp})
    assert unchanged.status_code == 304 and unchanged.content == b""
    figure = offences.figures.get(force=wiltshire, period="2019/20")
    figure.updated_at = figure.updated_at.replace(year=figure.updated_at.year + 1)
    type(figure).objects.filter(pk=figure.pk).update(updated_at=figure.updated_at)
    changed = client.get(url, headers={"If-Modified-Since": stamp})
    assert changed.status_code == 200 and b"63" in changed.content
    assert changed["Last-Modified"] != stamp


def backdate_everything_in(measure, hours=1):
    """The measure, its figures, their sources and forces as last changed an hour ago."""
    earlier = timezone.now() - datetime.timedelta(hours=hours)
    figures = measure.figures.all()
    Measure.objects.filter(pk=measure.pk).update(updated_at=earlier)
    Figure.objects.filter(measure=measure).update(updated_at=earlier)
    Source.objects.filter(figures__in=figures).update(updated_at=earlier)
    PoliceForce.objects.filter(figures__in=figures).update(updated_at=earlier)


def rename_measure(measure, wiltshire):
    measure.name = "Online offences, renamed"
    measure.save()
    return "Online offences, renamed"


def retitle_source(measure, wiltshire):
    source = measure.figures.first().source
    source.title = "Figures, second edition"
    source.save()
    return "Figures, second edition"


def rename_force(measure, wiltshire):
    wiltshire.name = "Wiltshire and Swindon Police"
    wiltshire.save()
    return "Wiltshire and Swindon Police"


def correct_figure(measure, wiltshire):
    figure = measure.figures.get(force=wiltshire, period="2019/20")
    figure.value = 64
    figure.save()
    return "64"


def delete_figure(measure, wiltshire):
    measure.figures.get(force=wiltshire, period="2019/20").delete()
    return None


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@pytest.mark.parametrize(
    "change", [rename_measure, retitle_source, rename_force, correct_figure, delete_figure]
)
def test_every_change_to_the_downloads_bytes_moves_their_last_modified(
    client, offences, wiltshire, suffix, change
):
    url = f"/statistics/online-offences{suffix}"
    backdate_everything_in(offences)
    before = client.get(url)
    stamp = before["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": stamp}).status_code == 304
    shown = change(offences, wiltshire)
    after = client.get(url, headers={"If-Modified-Since": stamp})
    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(stamp)
    assert after.content != before.content
    if shown:
        assert shown in after.content.decode()


def test_index_lists_measures_with_figures(client, offences):
    html = BeautifulSoup(client.get("/statistics/").content, "html.parser")
    assert [a["href"] for a in html.select(".data-page__list a")] == [URL]
