"""The CSV importer and `manage.py import_figures`: all rows or none, every problem listed."""

import datetime
import io

from django.core.management import CommandError, call_command

from wagtail.models import ModelLogEntry

import pytest

from statistics.importers import FigureImporter, SourceDetails
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


def run(text, *, dry_run=False, encoding="utf-8", user=None):
    data = text.encode(encoding) if isinstance(text, str) else text
    return FigureImporter(source=NSPCC, user=user).run(io.BytesIO(data), dry_run=dry_run)


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
    assert report.changes == ["Line 2: Wiltshire, 2018/19: 70 → 77"]
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
    assert entry.message == "Value changed from 70 to 77 (by CSV import)"


def test_a_byte_order_mark_is_accepted(measure):
    report = run(GOOD, encoding="utf-8-sig")
    assert report.ok and report.created == 4


def test_every_problem_is_reported_with_its_line_and_nothing_is_written(measure):
    text = (
        "force,measure,period,value\n"
        "Wiltshire,online-offences,2018/19,77\n"  # 2: fine
        "Wiltshir,online-offences,2018/19,77\n"  # 3: unknown force
        "Hampshire,online-offences,2019/21,5\n"  # 4: bad period
        "Hampshire,online-offences,2019/20,-3\n"  # 5: negative
        "Kent,online-offences,2019/20,6.5\n"  # 6: decimal
        "Essex,online-offences,2019/20,\n"  # 7: empty
        "Wiltshire,online-offences,2018/19,80\n"  # 8: twice
        "Dorset,burglary,2019/20,4\n"  # 9: unknown measure
        "Surrey,online-offences\n"  # 10: missing values
        "Surrey,online-offences,2019/20,4,extra\n"  # 11: extra value
    )
    report = run(text)
    assert not report.ok
    lines = [line for line, _ in report.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    messages = dict(report.errors)
    assert "Unknown police force “Wiltshir”. Did you mean “Wiltshire Police”" in messages[3]
    assert "second year must follow the first" in messages[4]
    assert "negative" in messages[5]
    assert "decimal" in messages[6]
    assert "empty" in messages[7]
    assert "already on line 2" in messages[8]
    assert "Unknown measure “burglary”" in messages[9]
    assert "found 2" in messages[10] and "found 5" in messages[11]
    assert Figure.objects.count() == 0
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "The file is empty"),
        (b"force,measure,period,value\n", 2, "header but no figures"),
        (b"force,measure,value\nWiltshire,m,3\n", 1, "missing column period"),
        (b"force,measure,period,value,notes\n", 1, "unexpected column notes"),
        (
            b"force,measure,period,value\nWiltshire,online-offences,2019/20,3\n\xff\xfe\x00\n",
            3,
            "not UTF-8",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1, "not UTF-8"),
    ],
)
def test_files_that_are_not_figures_are_refused(measure, data, line, words):
    report = run(data)
    assert not report.ok
    assert report.errors[0][0] == line
    assert words in report.errors[0][1]
    assert Figure.objects.count() == 0


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
    assert "bad.csv, line 2: Unknown police force “Atlantis”" in err.getvalue()
    assert "bad.csv, line 3: Unknown measure “x”" in err.getvalue()
    assert Figure.objects.count() == 0
