"""The importer and `manage.py import_figures` on CSV in the long shape: all rows or none,
every problem listed with its row and column. Other files and shapes: test_import_files."""

import datetime
import io

from django.core.management import CommandError, call_command

from wagtail.models import ModelLogEntry

import pytest

from statistics.importers import FigureImporter, SourceDetails
from statistics.layouts import ImportOptions
from statistics.models import Figure, Source
from tests.factories import FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db

NSPCC = SourceDetails(
    publisher="NSPCC",
    title="Freedom of Information request to police forces",
    date_published=datetime.date(2020, 9, 3),
)
GOOD = (
    "force,measure,period,value\n"
    "Wiltshire,online-offences,2018/19,77\n"
    "Wiltshire Police,online-offences,2019/20,63\n"
    "hampshire,Online offences,2018/19,131\n"
    "Hampshire Constabulary,online-offences,2019/20,247\n"
)


@pytest.fixture
def measure():
    return MeasureFactory(name="Online offences", slug="online-offences")


def run(text, *, dry_run=False, encoding="utf-8", user=None, **options):
    data = text.encode(encoding) if isinstance(text, str) else text
    importer = FigureImporter(source=NSPCC, user=user, options=ImportOptions(**options))
    return importer.run(io.BytesIO(data), dry_run=dry_run)


def problems(report):
    """(row, column letter, message) for each problem, in row order."""
    return [
        (p.row, p.column.split(" ")[1] if p.column else "", p.message)
        for p in report.problems.examples()
    ]


def stored():
    return {(f.force.short_name, f.period): f.value for f in Figure.objects.select_related("force")}


def test_imports_every_row_with_its_source(measure):
    report = run(GOOD)
    assert (report.ok, report.created, report.updated, report.unchanged) == (True, 4, 0, 0)
    assert stored() == {
        ("Wiltshire", "2018/19"): 77,
        ("Wiltshire", "2019/20"): 63,
        ("Hampshire", "2018/19"): 131,
        ("Hampshire", "2019/20"): 247,
    }
    assert {f.source.publisher for f in Figure.objects.all()} == {"NSPCC"}


def test_reimporting_the_same_file_changes_nothing_and_says_so(measure):
    run(GOOD)
    before = list(Figure.objects.values_list("pk", "value", "updated_at"))
    report = run(GOOD)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert report.summary == "Nothing to change: all 4 figures are already up to date."
    assert list(Figure.objects.values_list("pk", "value", "updated_at")) == before
    assert Source.objects.count() == 1


def test_dry_run_reports_and_writes_nothing(measure):
    FigureFactory(measure=measure, period="2018/19", value=70)
    report = run(GOOD, dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (3, 1, 0)
    assert report.changes == ["Row 2: Wiltshire, 2018/19: 70 → 77"]
    assert "would be created" in report.summary
    assert stored() == {("Wiltshire", "2018/19"): 70}


def test_a_changed_value_is_updated_and_kept_in_the_history(measure, django_user_model):
    figure = FigureFactory(measure=measure, period="2018/19", value=70)
    editor = django_user_model.objects.create_user("editor")
    report = run(GOOD, user=editor)
    assert (report.created, report.updated) == (3, 1)
    figure.refresh_from_db()
    assert figure.value == 77
    entry = ModelLogEntry.objects.for_instance(figure).get(action="statistics.figure.value_changed")
    assert entry.user == editor
    assert entry.data == {"old_value": 70, "new_value": 77, "via": "import"}
    assert entry.message == "Value changed from 70 to 77 (by import)"


def test_a_byte_order_mark_is_accepted(measure):
    report = run(GOOD, encoding="utf-8-sig")
    assert report.ok and report.created == 4


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_written(measure):
    text = (
        "force,measure,period,value\n"
        "Wiltshire,online-offences,2018/19,77\n"  # 2: fine
        "Wiltshir,online-offences,2018/19,77\n"  # 3: unknown force
        "Hampshire,online-offences,2019/21,5\n"  # 4: bad period
        "Hampshire,online-offences,2019/20,-3\n"  # 5: negative
        "Kent,online-offences,2019/20,6.5\n"  # 6: decimal
        "Essex,online-offences,2019/20,\n"  # 7: empty: a warning, not a problem
        "Wiltshire,online-offences,2018/19,80\n"  # 8: twice
        "Dorset,burglary,2019/20,4\n"  # 9: unknown measure
        "Surrey,online-offences,2019/20,twelve\n"  # 10: not a number
    )
    report = run(text)
    assert not report.ok
    found = problems(report)
    assert [(row, column) for row, column, _ in found] == [
        (3, "A"),
        (4, "C"),
        (5, "D"),
        (6, "D"),
        (8, "D"),
        (9, "B"),
        (10, "D"),
    ]
    messages = {row: message for row, _, message in found}
    assert "Unknown police force “Wiltshir”. Did you mean “Wiltshire Police”" in messages[3]
    assert "second year must follow the first" in messages[4]
    assert "negative" in messages[5]
    assert "decimal" in messages[6]
    assert "already on row 2" in messages[8]
    assert "Unknown measure “burglary”" in messages[9]
    assert "not a whole number" in messages[10]
    [empty] = report.warnings.examples()
    assert (empty.row, "skipped, not read as zero" in empty.message) == (7, True)
    assert Figure.objects.count() == 0
    assert Source.objects.count() == 0


def test_a_problem_late_in_the_file_rolls_back_what_was_written_before_it(measure, monkeypatch):
    monkeypatch.setattr("statistics.importers.BATCH_SIZE", 2)
    report = run(GOOD + "Atlantis,online-offences,2019/20,1\n")
    assert not report.ok
    assert Figure.objects.count() == 0
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "row", "words"),
    [
        (b"", 1, "The file has no rows"),
        (b"force,measure,period,value\n", 2, "header but no figures"),
        (b"force,measure,value\nWiltshire,m,3\n", 1, "No header found"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1, "not a CSV, Excel (.xlsx) or OpenDocument"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 1, "old Excel (.xls)"),
        (b"force,measure,period,value\nW\x81\x8d,m,2020,1\n", 1, "not text in a known encoding"),
    ],
)
def test_files_that_are_not_figures_are_refused(measure, data, row, words):
    report = run(data)
    assert not report.ok
    [(found_row, _, message)] = problems(report)
    assert found_row == row
    assert words in message
    assert Figure.objects.count() == 0


def test_extra_columns_are_ignored(measure):
    report = run("force,notes,measure,period,value\nWiltshire,checked,online-offences,2019/20,63\n")
    assert report.ok and stored() == {("Wiltshire", "2019/20"): 63}


def test_columns_may_come_in_any_order(measure):
    report = run("value,period,force,measure\n63,2019/20,Wiltshire,online-offences\n")
    assert report.ok
    assert stored() == {("Wiltshire", "2019/20"): 63}


def test_command_imports_and_reports(measure, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    out = io.StringIO()
    args = [
        str(path),
        "--source-title=Freedom of Information request to police forces",
        "--source-publisher=NSPCC",
        "--source-date=2020-09-03",
    ]
    call_command("import_figures", *args, "--dry-run", stdout=out)
    assert "Dry run, nothing written. 4 figures would be created" in out.getvalue()
    assert Figure.objects.count() == 0
    call_command("import_figures", *args, stdout=out)
    assert Figure.objects.count() == 4
    out = io.StringIO()
    call_command("import_figures", *args, stdout=out)
    assert "Nothing to change" in out.getvalue()


def test_command_fails_with_every_bad_line(measure, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "force,measure,period,value\nAtlantis,online-offences,2019/20,1\nKent,x,2019,2\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems"):
        call_command(
            "import_figures",
            str(path),
            "--source-title=T",
            "--source-publisher=P",
            "--source-date=2020-09-03",
            stderr=err,
        )
    assert "row 2, column A (force): Unknown police force “Atlantis”" in err.getvalue()
    assert "row 3, column B (measure): Unknown measure “x”" in err.getvalue()
    assert Figure.objects.count() == 0
