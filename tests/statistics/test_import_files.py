"""Figures from the tables publishers really send: .xlsx and .ods, CSV in other delimiters
and encodings, wide and mapped shapes, forces, periods and numbers however written, and a
report that stays small however bad the file."""

import datetime
import io

from django.core.management import call_command

import pytest

from statistics.importers import FigureImporter, SourceDetails
from statistics.layouts import ImportOptions
from statistics.models import Figure, ForceAlias, PoliceForce
from tests.factories import MeasureFactory
from tests.statistics.spreadsheets import ods, xlsx

pytestmark = pytest.mark.django_db

SOURCE = SourceDetails(
    publisher="Home Office",
    title="Police recorded crime",
    date_published=datetime.date(2021, 1, 28),
)
TITLE_ROWS = [["Table 3: Online child sex offences, by police force area"], [], ["Source: FOI"]]


@pytest.fixture
def measure():
    return MeasureFactory(name="Online offences", slug="online-offences")


def run(data, *, dry_run=False, **options):
    importer = FigureImporter(source=SOURCE, options=ImportOptions(**options))
    return importer.run(io.BytesIO(data), dry_run=dry_run)


def stored():
    return {(f.force.short_name, f.period): f.value for f in Figure.objects.select_related("force")}


def messages(log):
    return [(p.row, p.column, p.message) for p in log.examples()]


WIDE = [
    *TITLE_ROWS,
    ["Police force area", "2018/19", "Apr 2019 to Mar 2020", "Notes"],
    ["Wiltshire", 77, 63, "checked"],
    ["Hampshire", 131, 247, None],
    [],
    ["Figures are provisional."],
]


def test_a_wide_xlsx_with_title_rows_imports_with_the_measure_named(measure):
    report = run(xlsx(("Data", WIDE)), measure="online-offences")
    assert report.ok, messages(report.problems)
    assert (report.file_type, report.sheet) == ("Excel (.xlsx)", "Data")
    assert "wide table, header on row 4" in report.layout
    assert stored() == {
        ("Wiltshire", "2018/19"): 77,
        ("Wiltshire", "2019/20"): 63,
        ("Hampshire", "2018/19"): 131,
        ("Hampshire", "2019/20"): 247,
    }


def test_the_sheet_is_chosen_by_name_or_number_and_a_missing_one_is_named(measure):
    data = xlsx(("Contents", [["About these tables"]]), ("Table 3", WIDE))
    assert not run(data, measure="online-offences").ok  # the first sheet has no table
    assert run(data, dry_run=True, sheet="table 3", measure="online-offences").created == 4
    assert run(data, dry_run=True, sheet="2", measure="online-offences").created == 4
    report = run(data, sheet="Table 9", measure="online-offences")
    [(_, _, message)] = messages(report.problems)
    assert message == "There is no sheet “Table 9”: the sheets are “Contents”, “Table 3”."


def test_a_wide_table_needs_its_measure(measure):
    report = run(xlsx(("Data", WIDE)), shape="wide")
    [(row, _, message)] = messages(report.problems)
    assert message == (
        "The header is row 4 (forces down, periods across), but the file does not say which "
        "measure its figures are: choose the measure (--measure on the command line)."
    )


def test_ods_files_import_long_and_wide(measure):
    long = [["force", "measure", "period", "value"], ["Kent", "Online offences", "2019/20", 12]]
    assert run(ods(("Sheet1", long))).created == 1
    report = run(ods(("Sheet1", WIDE)), measure="online-offences")
    assert report.ok and report.file_type == "OpenDocument (.ods)"
    assert stored()[("Hampshire", "2019/20")] == 247


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("force;measure;period;value\nWiltshire;online-offences;2019/20;1.005\n", "utf-8"),
        ("force\tmeasure\tperiod\tvalue\nWiltshire\tonline-offences\t2019/20\t1,005\n", "utf-16"),
        ("force|measure|period|value\nWiltshire|online-offences|2019/20|1005\n", "utf-8-sig"),
    ],
)
def test_csv_in_any_delimiter_and_unicode_encoding(measure, text, encoding):
    report = run(text.encode(encoding))
    if "1.005" in text:  # a decimal point is a decimal, whatever the delimiter
        assert messages(report.problems)[0][2].startswith("The value 1.005 is a decimal")
        return
    assert report.ok and not report.warnings
    assert stored() == {("Wiltshire", "2019/20"): 1005}


def test_windows_1252_is_read_with_a_warning(measure):
    data = "force,measure,period,value\nDyfed–Powys,online-offences,2019/20,8\n".encode("cp1252")
    report = run(data)
    assert report.ok
    [(_, _, warning)] = messages(report.warnings)
    assert "read as Windows-1252" in warning
    assert stored() == {("Dyfed-Powys", "2019/20"): 8}


OPEN_DATA = [
    "Financial Year,Financial Quarter,Force Name,Offence Code,Offence Description,"
    "Number of Offences",
    *[
        f"2019/20,{q},Wiltshire,88A,Online child sex offences,{v}"
        for q, v in [(1, 10), (2, 20), (3, 15), (4, 18)]
    ],
    *[f"2019/20,{q},Wiltshire,28E,Burglary,{v}" for q, v in [(1, 99), (2, 99), (3, 99), (4, 99)]],
    *[f"2020/21,{q},Wiltshire,88A,Online child sex offences,{v}" for q, v in [(1, 5), (2, 6)]],
    *[f"2019/20,{q},Avon & Somerset,88A,Online child sex offences,1,00{q}" for q in (1, 2, 3, 4)],
]
MAPPING = {
    "force_column": "Force Name",
    "period_column": "Financial Year",
    "quarter_column": "Financial Quarter",
    "value_column": "Number of Offences",
    "where": ["Offence Code=88A"],
    "measure": "online-offences",
}


def open_data_csv():
    rows = [OPEN_DATA[0]] + [
        line.replace(",1,00", ',"1,00') + '"' if ",1,00" in line else line for line in OPEN_DATA[1:]
    ]
    return ("\n".join(rows) + "\n").encode()


def test_a_mapped_table_keeps_filtered_rows_and_adds_complete_quarters_into_years(measure):
    report = run(open_data_csv(), **MAPPING)
    assert report.ok, messages(report.problems)
    assert stored() == {("Wiltshire", "2019/20"): 63, ("Avon and Somerset", "2019/20"): 4010}
    [(row, _, warning)] = messages(report.warnings)
    assert row == 10
    assert warning.startswith("Wiltshire, 2020/21: only Q1, Q2 (rows 10, 11)")


def test_the_command_takes_the_same_mapping(measure, tmp_path):
    path = tmp_path / "prc-pfa.csv"
    path.write_bytes(open_data_csv())
    out = io.StringIO()
    call_command(
        "import_figures",
        str(path),
        "--source-title=Police recorded crime",
        "--source-publisher=Home Office",
        "--source-date=2021-01-28",
        "--force-column=Force Name",
        "--period-column=Financial Year",
        "--quarter-column=Financial Quarter",
        "--value-column=Number of Offences",
        "--where=Offence Code=88A",
        "--measure=online-offences",
        stdout=out,
    )
    assert "2 figures were created" in out.getvalue()
    assert "a year is imported only when all four quarters are there" in out.getvalue()
    assert stored()[("Wiltshire", "2019/20")] == 63


def test_repeated_quarters_are_refused_unless_summed(measure):
    data = open_data_csv()
    report = run(data, **{**MAPPING, "where": []})
    assert "already in the file" in messages(report.problems)[0][2]
    assert not Figure.objects.exists()
    assert run(data, **{**MAPPING, "where": [], "sum": True}).ok
    assert stored()[("Wiltshire", "2019/20")] == 63 + 4 * 99


def test_quarters_written_in_the_period_column_are_added_up(measure):
    rows = [["Force", "Quarter", "Count"]] + [
        ["Kent", quarter, 1]
        for quarter in ["Apr to Jun 2019", "Q2 2019/20", "Oct-Dec 2019", "Jan to Mar 2020"]
    ]
    report = run(
        xlsx(("Data", rows)),
        period_column="Quarter",
        value_column="Count",
        measure="online-offences",
    )
    assert report.ok, messages(report.problems)
    assert stored() == {("Kent", "2019/20"): 4}


@pytest.mark.parametrize(
    "written",
    [
        "Avon & Somerset",
        "AVON AND SOMERSET",
        "avon_and_somerset",
        "Avon-and-Somerset Constabulary",
        "E23000036",
        "avon-and-somerset",
    ],
)
def test_forces_however_written(measure, written):
    report = run(f"force,measure,period,value\n{written},online-offences,2019/20,1\n".encode())
    assert report.ok, messages(report.problems)
    assert stored() == {("Avon and Somerset", "2019/20"): 1}


@pytest.mark.parametrize(
    ("written", "force"),
    [
        ("London, City of", "City of London"),
        ("Metropolitan Police Service", "Metropolitan"),
        ("Met", "Metropolitan"),
        ("btp", "British Transport Police"),
        ("Police Service of Northern Ireland", "Northern Ireland"),
        ("North Wales Police Force", "North Wales"),
        ("Devon & Cornwall", "Devon and Cornwall"),
    ],
)
def test_more_ways_of_writing_forces(measure, written, force):
    report = run(f'force,measure,period,value\n"{written}",online-offences,2020,1\n'.encode())
    assert report.ok, messages(report.problems)
    assert stored() == {(force, "2020"): 1}


def test_every_force_of_england_and_wales_is_found_by_its_ons_code(measure):
    forces = PoliceForce.objects.filter(nation__in=["england", "wales"])
    assert forces.count() == 43 and all(f.ons_code for f in forces)
    assert PoliceForce.objects.get(ons_code="E23000038").short_name == "Wiltshire"
    rows = [["force", "measure", "period", "value"]] + [
        [f.ons_code, "online-offences", "2020", n] for n, f in enumerate(forces)
    ]
    report = run(xlsx(("Data", rows)))
    assert report.ok and report.created == 43


def test_an_alias_added_by_editors_is_used(measure):
    ForceAlias.objects.create(text="Wilts Constab", force=PoliceForce.objects.get(slug="wiltshire"))
    assert run(b"force,measure,period,value\nWILTS CONSTAB,online-offences,2020,3\n").ok


def test_ambiguous_and_unknown_forces_are_refused_whole_with_suggestions(measure):
    report = run(
        b"force,measure,period,value\n"
        b"Wiltshire,online-offences,2020,3\n"
        b"Beds Cambs Herts,online-offences,2020,9\n"
        b"Hamshire,online-offences,2020,4\n"
    )
    found = messages(report.problems)
    assert [(row, column) for row, column, _ in found] == [
        (3, "column A (force)"),
        (4, "column A (force)"),
    ]
    assert (
        "names more than one police force (“Bedfordshire Police”, "
        "“Cambridgeshire Constabulary”, “Hertfordshire Constabulary”)" in found[0][2]
    )
    assert "Unknown police force “Hamshire”. Did you mean “Hampshire Constabulary”" in found[1][2]
    assert set(report.problems.groups) == {"ambiguous police force", "unknown police force"}
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    "period",
    [
        "2019/20",
        "2019-20",
        "2019/2020",
        "2019-2020",
        "FY 2019/20",
        "FY2019/20",
        "Apr 2019 to Mar 2020",
    ],
)
def test_periods_however_written(measure, period):
    assert run(f"force,measure,period,value\nKent,online-offences,{period},5\n".encode()).ok
    assert stored() == {("Kent", "2019/20"): 5}


def test_numbers_however_written(measure):
    report = run(
        xlsx(
            (
                "Data",
                [
                    ["force", "measure", "period", "value"],
                    ["Kent", "online-offences", 2020, " 1,005 "],
                    ["Essex", "online-offences", 2020, "63[x]"],
                    ["Surrey", "online-offences", 2020, "63*"],
                    ["Sussex", "online-offences", 2020, ".."],
                    ["Dorset", "online-offences", 2020, "-"],
                    ["Devon and Cornwall", "online-offences", 2020, "n/a"],
                    ["Gwent", "online-offences", 2020, None],
                    ["Cumbria", "online-offences", 2020, 12.0],
                ],
            )
        )
    )
    assert report.ok, messages(report.problems)
    assert stored() == {
        ("Kent", "2020"): 1005,
        ("Essex", "2020"): 63,
        ("Surrey", "2020"): 63,
        ("Cumbria", "2020"): 12,
    }
    assert report.warnings.groups["note markers"].count == 2
    assert report.warnings.groups["no figure"].count == 4


@pytest.mark.parametrize(
    ("value", "words"), [(6.5, "decimal"), (-3, "negative"), ("1.5", "decimal"), ("-4", "negative")]
)
def test_decimals_and_negatives_stay_problems(measure, value, words):
    report = run(
        xlsx(
            (
                "Data",
                [["force", "measure", "period", "value"], ["Kent", "online-offences", 2020, value]],
            )
        )
    )
    [(_, column, message)] = messages(report.problems)
    assert column == "column D (value)" and words in message


def test_a_bad_file_gets_a_short_report_and_one_suggestion_per_distinct_name(measure, monkeypatch):
    import difflib

    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(
        difflib, "get_close_matches", lambda *a, **k: calls.append(a[0]) or real(*a, **k)
    )
    lines = (
        ["force,measure,period,value"]
        + [
            f"{name},online-offences,{1900 + n},1"
            for n in range(1000)
            for name in ["Wiltshir", "Atlantis"]
        ]
        + ["Kent,online-offences,2020,y"] * 30
    )
    report = run("\n".join(lines).encode())
    assert len(report.problems) == 2030
    assert sorted(set(calls)) == ["atlantis", "wiltshir"] and len(calls) == 2
    shown = report.problems.lines()
    assert len(shown) < 110
    assert shown[-3:] == [
        "  … and 1,900 more like this.",
        "Bad value (30):",
        "  … and 30 more like this.",
    ]
    assert shown[0] == "Unknown police force (2,000):"
