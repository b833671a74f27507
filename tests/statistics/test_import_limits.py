"""Imports that cannot hang or sink a worker: a spreadsheet that would unpack too far (a zip
bomb) is refused from its archive's directory, at once, before anything is parsed; a large
spreadsheet is never parsed in the web request; reading a file in the task worker has a
memory ceiling. The bombs are built here with `zipfile`: small on disk, huge unpacked."""

import io
import resource
import time
import tracemalloc
import zipfile

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics import tasks
from statistics.models import ImportStatus, PendingImport
from statistics.readers import FileProblem, open_table
from tests.statistics.spreadsheets import xlsx
from tests.statistics.test_import_admin import LONG, upload

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TABLE = [["force", "measure", "period", "value"], ["Wiltshire", "online-offences", "2019/20", 64]]


def bomb(unpacked_mb: int) -> bytes:
    """A genuine .xlsx whose `xl/sharedStrings.xml` is padded to `unpacked_mb` MB of
    repeated XML, as the probe's 700 MB one was: about a thousandth of that on disk."""
    genuine = zipfile.ZipFile(io.BytesIO(xlsx(("Figures", TABLE))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in genuine.infolist():
            if part.filename != "xl/sharedStrings.xml":
                archive.writestr(part, genuine.read(part))
        block = b"<si><t>x</t></si>" * (MB // 17)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            for _ in range(unpacked_mb):
                strings.write(block)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb_700mb():
    return bomb(700)


def errors(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_a_700_mb_zip_bomb_is_refused_at_upload_in_under_a_second(
    admin_client, offences, bomb_700mb
):
    assert len(bomb_700mb) < 3 * MB
    admin_client.get(reverse("statistics_import"))  # the admin's first page warms its URLs
    started = time.perf_counter()
    response = upload(admin_client, bomb_700mb, name="figures.xlsx")
    seconds = time.perf_counter() - started
    assert response.status_code == 200
    assert "This spreadsheet unpacks to 700" in errors(response)
    assert "split it into smaller files" in errors(response)
    assert not PendingImport.objects.exists()
    assert seconds < 1
    tracemalloc.start()
    upload(admin_client, bomb_700mb, name="figures.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * MB  # the upload itself, a few times over; nothing unpacked


def test_a_part_packed_far_beyond_any_spreadsheet_is_refused(admin_client, offences, settings):
    settings.STATISTICS_IMPORT_MAX_UNPACKED_BYTES = 500 * MB  # the ratio alone refuses it
    response = upload(admin_client, bomb(20), name="figures.xlsx")
    assert "Part of this spreadsheet (xl/sharedStrings.xml) unpacks" in errors(response)
    assert not PendingImport.objects.exists()


def test_the_command_line_reader_refuses_it_too(bomb_700mb):
    with pytest.raises(FileProblem, match="unpacks to 700"):
        open_table(io.BytesIO(bomb_700mb))


def test_an_ordinary_spreadsheet_passes(admin_client, offences):
    response = upload(admin_client, xlsx(("Figures", TABLE)), name="figures.xlsx")
    assert response.status_code == 302


def test_a_large_spreadsheet_is_not_parsed_in_the_web_request(
    admin_client, offences, settings, monkeypatch
):
    settings.STATISTICS_IMPORT_PREVIEW_UNPACKED_BYTES = 1024  # this one is "large"
    upload(admin_client, xlsx(("Figures", TABLE)), name="figures.xlsx")
    pending = PendingImport.objects.get()

    def parsed(*args, **kwargs):
        raise AssertionError("the web request parsed the spreadsheet")

    monkeypatch.setattr("openpyxl.load_workbook", parsed)
    monkeypatch.setattr("python_calamine.CalamineWorkbook.from_filelike", parsed)
    response = admin_client.get(reverse("statistics_import_layout", args=[pending.pk]))
    assert response.status_code == 200
    assert "too large to preview here" in errors(response)


def test_a_csv_is_still_previewed(admin_client, offences, settings):
    settings.STATISTICS_IMPORT_PREVIEW_UNPACKED_BYTES = 1024
    upload(admin_client, LONG)
    pending = PendingImport.objects.get()
    response = admin_client.get(reverse("statistics_import_layout", args=[pending.pk]))
    assert "The first rows" in errors(response)


def test_an_import_past_its_memory_ceiling_fails_with_a_message(offences, settings, monkeypatch):
    pending = PendingImport.objects.create(
        file_name="figures.csv",
        data=LONG.encode(),
        source_publisher="NSPCC",
        source_title="FOI",
        source_date="2020-09-03",
        status=ImportStatus.CHECKING,
    )
    settings.STATISTICS_IMPORT_MEMORY_BYTES = 64 * MB
    limit_before = resource.getrlimit(resource.RLIMIT_AS)

    def greedy(self, stream, dry_run):
        return bytearray(512 * MB)  # what a costly file would take

    monkeypatch.setattr("statistics.importers.FigureImporter.run", greedy)
    tasks.check_import.call(pending.pk)
    pending.refresh_from_db()
    assert pending.status == ImportStatus.FAILED
    assert pending.failure.startswith("Reading this file needed more memory than an import")
    assert resource.getrlimit(resource.RLIMIT_AS) == limit_before  # the worker lives on
