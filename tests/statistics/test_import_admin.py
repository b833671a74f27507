"""The admin's import: upload → what was detected, with a preview and editable columns →
the report from a background task (the immediate backend runs it inline here) → confirm."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics import tasks
from statistics.models import Figure, ImportChange, ImportStatus, PendingImport, Source
from tests.statistics.spreadsheets import xlsx
from tests.statistics.test_import_files import WIDE, open_data_csv

pytestmark = pytest.mark.django_db

NSPCC = {
    "source_publisher": "NSPCC",
    "source_title": "Freedom of Information request to police forces",
    "source_date": "3 September 2020",
    "source_url": "https://www.nspcc.org.uk/",
}
LONG = (
    "Figures from forces\n\n"
    "force,measure,period,value\n"
    "Wiltshire,online-offences,2019-20,64\n"
    "Kent,online-offences,2019/20,12\n"
    "Hampshire,online-offences,2019/20,247\n"
)


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    return " ".join(html(response).get_text(" ").split())


def upload(client, data, name="figures.csv", **fields):
    if isinstance(data, str):
        data = data.encode("utf-8-sig")
    return client.post(
        reverse("statistics_import"),
        {"file": SimpleUploadedFile(name, data), **NSPCC, **fields},
    )


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what a request hands to the task queue once it commits, as the worker would."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def check(client, run_tasks, pending, **layout):
    url = reverse("statistics_import_layout", args=[pending.pk])
    return run_tasks(client, url, {"check": "1", **layout})


def test_upload_then_layout_then_report_then_confirm(admin_client, offences, run_tasks):
    response = upload(admin_client, LONG)
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("statistics_import_layout", args=[pending.pk])
    # The upload only stores the file: the check is the task's, started from the next step.
    assert (pending.status, pending.report, pending.source_date) == (
        ImportStatus.UPLOADED,
        None,
        datetime.date(2020, 9, 3),
    )

    page = admin_client.get(response.url)
    detected = {dd["data-detected"]: dd.text for dd in html(page).select("[data-detected]")}
    assert detected["type"] == "CSV"
    assert detected["layout"].startswith("long table, header on row 3")
    preview = [
        [td.text for td in tr.select("th, td")]
        for tr in html(page).select(".import-preview tbody tr")
    ]
    assert preview[0][:5] == ["3", "force", "measure", "period", "value"]
    assert preview[1][:5] == ["4", "Wiltshire", "online-offences", "2019-20", "64"]

    response = check(admin_client, run_tasks, pending, shape="long")
    assert response.url == reverse("statistics_import_status", args=[pending.pk])
    report = admin_client.get(response.url)
    counts = {dd["data-count"]: int(dd.text) for dd in html(report).select("[data-count]")}
    assert counts == {"created": 1, "updated": 1, "unchanged": 1}
    changes = [
        [td.text.strip() for td in tr.select("td")]
        for tr in html(report).select(".import-changes tbody tr")
    ]
    assert changes == [
        ["4", "Wiltshire", "Online child sex offences recorded", "2019/20", "63", "64"],
        ["5", "Kent", "Online child sex offences recorded", "2019/20", "new", "12"],
    ]
    assert Figure.objects.count() == 4  # nothing written yet

    response = run_tasks(admin_client, reverse("statistics_import_confirm", args=[pending.pk]))
    assert response.status_code == 302
    done = admin_client.get(response.url)
    assert "1 figures were created, 1 updated and 1 left unchanged" in text(done)
    assert Figure.objects.count() == 5
    assert Figure.objects.get(force__slug="wiltshire", period="2019/20").value == 64
    assert not ImportChange.objects.exists()


def test_a_wide_xlsx_imports_with_the_measure_chosen(admin_client, offences, run_tasks):
    Figure.objects.filter(force__slug="hampshire").update(value=1)
    upload(admin_client, xlsx(("Contents", [["Notes"]]), ("Table 3", WIDE)), name="t3.xlsx")
    pending = PendingImport.objects.get()
    page = admin_client.get(reverse("statistics_import_layout", args=[pending.pk]))
    assert "No header found" in html(page).select_one("[data-layout-problem]").text
    assert [o["value"] for o in html(page).select("select[name=sheet] option")] == [
        "Contents",
        "Table 3",
    ]
    check(admin_client, run_tasks, pending, sheet="Table 3", measure="online-offences")
    pending.refresh_from_db()
    assert pending.report["created"] == 0 and pending.report["updated"] == 2
    run_tasks(admin_client, reverse("statistics_import_confirm", args=[pending.pk]))
    assert Figure.objects.get(force__slug="hampshire", period="2019/20").value == 247


def test_a_mapped_csv_with_quarters_and_a_filter_imports(admin_client, offences, run_tasks):
    upload(admin_client, open_data_csv(), name="prc-pfa.csv")
    pending = PendingImport.objects.get()
    check(
        admin_client,
        run_tasks,
        pending,
        shape="mapped",
        measure="online-offences",
        force_column="Force Name",
        period_column="Financial Year",
        quarter_column="Financial Quarter",
        value_column="Number of Offences",
        where="Offence Code=88A",
    )
    report = admin_client.get(reverse("statistics_import_status", args=[pending.pk]))
    warnings = html(report).select(".import-warnings tbody[data-kind='incomplete years'] td")
    assert "Wiltshire, 2020/21: only Q1, Q2" in warnings[2].text
    run_tasks(admin_client, reverse("statistics_import_confirm", args=[pending.pk]))
    assert Figure.objects.get(force__slug="wiltshire", period="2019/20").value == 63
    assert Figure.objects.get(force__slug="avon-and-somerset", period="2019/20").value == 4010


def test_problems_are_listed_by_kind_with_row_and_column_and_offer_no_import(
    admin_client, offences, run_tasks
):
    lines = ["force,measure,period,value"] + [
        f"Atlantis,online-offences,{1900 + n},1" for n in range(150)
    ]
    upload(admin_client, "\n".join(lines + ["Kent,online-offences,2020,x1"]))
    pending = PendingImport.objects.get()
    check(admin_client, run_tasks, pending)
    report = admin_client.get(reverse("statistics_import_status", args=[pending.pk]))
    page = html(report)
    assert "Nothing was imported: 151 problems" in page.select_one("[data-report-summary]").text
    unknown = page.select_one(".import-errors tbody[data-kind='unknown police force']")
    rows = unknown.select("tr")
    assert rows[0].text.strip() == "Unknown police force (150)"
    assert [td.text for td in rows[1].select("td")][:2] == ["2", "column A (force)"]
    assert len(rows) == 1 + 100 + 1
    assert unknown.select_one("[data-more]").text == "… and 50 more like this."
    assert page.select_one(".import-errors tbody[data-kind='bad value'] [data-more]").text == (
        "… and 1 more like this."
    )
    assert page.select_one("form[action*='confirm']") is None
    assert Figure.objects.count() == 4


def test_the_corrected_file_step_keeps_the_source_and_the_columns(
    admin_client, offences, run_tasks
):
    upload(admin_client, LONG.replace("Kent", "Kentt"))
    pending = PendingImport.objects.get()
    check(admin_client, run_tasks, pending, shape="long")
    report = admin_client.get(reverse("statistics_import_status", args=[pending.pk]))
    again = html(report).find("a", string="Upload a corrected file")["href"]
    form = html(admin_client.get(again))
    assert form.select_one("[data-corrected]")
    values = {i["name"]: i.get("value") for i in form.select("input[name^=source_]")}
    assert values["source_publisher"] == "NSPCC"
    assert values["source_title"] == "Freedom of Information request to police forces"
    assert values["source_url"] == "https://www.nspcc.org.uk/"
    previous = form.select_one("input[name=previous]")["value"]
    upload(admin_client, LONG, previous=previous)
    corrected = PendingImport.objects.get()
    assert corrected.pk != pending.pk
    assert corrected.options["shape"] == "long"


def test_an_existing_source_is_chosen_instead_of_typed(admin_client, offences):
    source = Source.objects.get()
    response = admin_client.post(
        reverse("statistics_import"),
        {"file": SimpleUploadedFile("f.csv", LONG.encode()), "source": source.pk},
    )
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert (pending.source, pending.source_publisher) == (source, source.publisher)


def test_a_new_source_needs_its_details_and_a_real_date(admin_client, offences):
    response = upload(admin_client, LONG, source_title="", source_date="31 February 2020")
    page = html(response)
    errors = {
        li.select_one("[name]")["name"]: li.select_one(".error-message").text.strip()
        for li in page.select("li")
        if li.select_one(".error-message") and li.select_one("[name]")
    }
    assert "fill this in" in errors["source_title"]
    assert errors["source_date"] == (
        "Type the date like 3 September 2020, 3 Sep 2020, 03/09/2020 or 2020-09-03."
    )
    assert page.select_one("input[name=source_publisher]")["value"] == "NSPCC"
    assert not PendingImport.objects.exists()


@override_settings(STATISTICS_IMPORT_MAX_BYTES=10_000)
def test_a_file_over_the_limit_is_refused_before_it_is_read(admin_client, offences):
    response = upload(admin_client, "force,measure,period,value\n" + "x" * 200_000)
    assert response.status_code == 413
    assert "larger than 9.8\xa0KB" in html(response).select_one("[data-refused]").text
    assert not PendingImport.objects.exists()
    response = upload(admin_client, "force,measure,period,value\n" + "x" * 12_000)
    assert "larger than" in text(response) and not PendingImport.objects.exists()


def test_one_import_at_a_time_with_a_progress_page_that_refreshes(
    admin_client, admin_user, offences
):
    running = PendingImport.objects.create(
        uploaded_by=admin_user,
        file_name="big.csv",
        data=b"",
        source_publisher="P",
        source_title="T",
        source_date=datetime.date(2020, 1, 1),
        status=ImportStatus.CHECKING,
        rows_checked=24000,
        problem_count=7,
    )
    response = admin_client.get(reverse("statistics_import"))
    assert response.url == reverse("statistics_import_status", args=[running.pk])
    page = html(admin_client.get(response.url))
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "2"
    assert page.select_one("[data-rows-checked]").text == "24000"
    assert page.select_one("[data-problems]").text == "7"
    assert PendingImport.objects.count() == 1


def test_the_changes_to_confirm_are_paginated(admin_client, offences, run_tasks):
    lines = ["force,measure,period,value"] + [
        f"Kent,online-offences,{1900 + n},{n}" for n in range(120)
    ]
    upload(admin_client, "\n".join(lines))
    pending = PendingImport.objects.get()
    check(admin_client, run_tasks, pending)
    url = reverse("statistics_import_status", args=[pending.pk])
    first = html(admin_client.get(url))
    assert len(first.select(".import-changes tbody tr")) == 50
    assert "Page 1 of 3" in first.select_one(".import-pages").text
    last = html(admin_client.get(url, {"p": 3}))
    rows = last.select(".import-changes tbody tr")
    assert len(rows) == 20
    assert [td.text.strip() for td in rows[-1].select("td")][3:] == ["2019", "new", "119"]


def test_an_editor_cannot_see_or_confirm_another_editors_import(client, editor, offences):
    other = PendingImport.objects.create(
        file_name="theirs.csv",
        data=LONG.encode(),
        source_publisher="P",
        source_title="T",
        source_date=datetime.date(2020, 1, 1),
        status=ImportStatus.CHECKED,
        report={"dry_run": True},
    )
    client.force_login(editor)
    for name in ("statistics_import_status", "statistics_import_layout"):
        assert client.get(reverse(name, args=[other.pk])).status_code in (302, 403)
    client.post(reverse("statistics_import_confirm", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == ImportStatus.CHECKED and not Figure.objects.filter(force__slug="kent")


def pending_for(user, data, **options):
    return PendingImport.objects.create(
        uploaded_by=user,
        file_name="f.csv",
        data=data.encode(),
        source_publisher="P",
        source_title="T",
        source_date=datetime.date(2020, 1, 1),
        options=options,
        status=ImportStatus.CHECKING,
    )


def test_the_check_task_records_its_progress_and_report(admin_user, offences, monkeypatch):
    monkeypatch.setattr("statistics.importers.BATCH_SIZE", 10)
    seen = []
    real = tasks._progress

    def spy(pk):
        update = real(pk)
        return lambda rows, problems: seen.append((rows, problems)) or update(rows, problems)

    monkeypatch.setattr(tasks, "_progress", spy)
    lines = ["force,measure,period,value"] + [
        f"{'Atlantis' if n % 2 else 'Kent'},online-offences,{1900 + n},1" for n in range(30)
    ]
    pending = pending_for(admin_user, "\n".join(lines))
    tasks.check_import.enqueue(pending.pk)
    pending.refresh_from_db()
    assert seen[:3] == [(10, 5), (20, 10), (30, 15)]
    assert (pending.status, pending.rows_checked, pending.problem_count) == ("checked", 30, 15)
    assert pending.report["problems"][0]["kind"] == "unknown police force"


def test_a_task_that_fails_says_so_and_writes_nothing(
    admin_client, admin_user, offences, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("statistics.importers.FigureImporter.run", broken)
    pending = pending_for(admin_user, LONG)
    result = tasks.check_import.enqueue(pending.pk)
    assert result.status == "FAILED"
    page = html(admin_client.get(reverse("statistics_import_status", args=[pending.pk])))
    assert "nothing was written" in page.select_one("[data-failure]").text
    assert Figure.objects.count() == 4


def test_the_upload_form_has_a_date_picker(admin_client):
    page = admin_client.get(reverse("statistics_import")).content.decode()
    assert "wagtailadmin/js/date-time-chooser.js" in page
    assert 'initDateChooser("id_source_date"' in page


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_the_request_queues_and_the_worker_imports(
    admin_client, offences
):
    """As in production: the request only queues the check; `db_worker` does it."""
    with override_settings(TASKS=DATABASE_TASKS):
        upload(admin_client, LONG)
        pending = PendingImport.objects.get()
        url = reverse("statistics_import_layout", args=[pending.pk])
        admin_client.post(url, {"check": "1", "shape": "long"})
        pending.refresh_from_db()
        assert (pending.status, pending.report) == (ImportStatus.CHECKING, None)
        page = html(admin_client.get(reverse("statistics_import_status", args=[pending.pk])))
        assert page.select_one("meta[http-equiv=refresh]")
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        pending.refresh_from_db()
        assert pending.status == ImportStatus.CHECKED and pending.report["updated"] == 1
        admin_client.post(reverse("statistics_import_confirm", args=[pending.pk]))
        assert Figure.objects.get(force__slug="wiltshire", period="2019/20").value == 63
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        assert Figure.objects.get(force__slug="wiltshire", period="2019/20").value == 64


@pytest.mark.parametrize(
    "typed", ["3 September 2020", "3 Sep 2020", "2020-09-03", "03/09/2020", "3/9/2020"]
)
def test_the_source_date_is_read_as_people_type_it(admin_client, offences, typed):
    assert upload(admin_client, LONG, source_date=typed).status_code == 302
    assert PendingImport.objects.get().source_date == datetime.date(2020, 9, 3)


def test_a_new_file_from_a_known_source_starts_with_its_measure(admin_client, offences):
    source = Source.objects.get()
    admin_client.post(
        reverse("statistics_import"),
        {"file": SimpleUploadedFile("t3.xlsx", xlsx(("Table 3", WIDE))), "source": source.pk},
    )
    pending = PendingImport.objects.get()
    page = html(admin_client.get(reverse("statistics_import_layout", args=[pending.pk])))
    chosen = page.select_one("select[name=measure] option[selected]")
    assert chosen is not None and chosen["value"] == "online-offences"


def test_a_new_source_is_asked_for_its_measure(admin_client, offences):
    upload(admin_client, xlsx(("Table 3", WIDE)), name="t3.xlsx")
    pending = PendingImport.objects.get()
    page = html(admin_client.get(reverse("statistics_import_layout", args=[pending.pk])))
    assert page.select_one("select[name=measure] option[selected]")["value"] == ""
