"""The admin import's background work, as django-tasks tasks: checking an uploaded file and
writing it. The request that starts one returns at once; the editor watches the import's
progress page. With the immediate backend (development, tests) a task runs inline; in
production the database backend queues it for the `db_worker`.

A task takes the import's id (task arguments are JSON) and records its progress, report and
any failure on the `PendingImport`, so a progress page read from another process sees them.
While it reads the file the worker's heartbeat names the import (`heartbeat.py`), and the
process may grow by at most `STATISTICS_IMPORT_MEMORY_BYTES` (`memory_cap.py`).
"""

import contextlib
import io
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from django_tasks import task

from .heartbeat import import_running
from .importers import FigureImporter, SourceDetails
from .layouts import ImportOptions
from .memory_cap import memory_cap
from .models import ImportChange, ImportStatus, PendingImport

logger = logging.getLogger(__name__)
CHANGES_BATCH = 1000
FAILED = (
    "The import stopped with an error: nothing was written. Try again, or ask a developer "
    "to look at the server's log."
)
TOO_MUCH_MEMORY = (
    "Reading this file needed more memory than an import may use: nothing was written. "
    "Split it into smaller files, or save it as CSV, which is read a row at a time."
)


def importer_for(pending, **kwargs) -> FigureImporter:
    source = SourceDetails(
        publisher=pending.source_publisher,
        title=pending.source_title,
        date_published=pending.source_date,
        url=pending.source_url,
    )
    user = get_user_model().objects.filter(pk=pending.uploaded_by_id).first()
    return FigureImporter(
        source=source, options=ImportOptions.from_dict(pending.options), user=user, **kwargs
    )


def _progress(pk):
    def update(rows, problems):
        PendingImport.objects.filter(pk=pk).update(
            rows_checked=rows, problem_count=problems, updated_at=timezone.now()
        )

    return update


def _finish(pending, status, report):
    pending.status = status
    pending.report = report.as_dict()
    pending.rows_checked, pending.problem_count = report.rows, len(report.problems)
    pending.save(update_fields=["status", "report", "rows_checked", "problem_count", "updated_at"])


@task()
def check_import(pending_id: int) -> None:
    """A dry run of the upload: its report, and the rows that would change, for the editor."""
    pending = PendingImport.objects.get(pk=pending_id)
    ImportChange.objects.filter(pending=pending).delete()
    changes = []

    def on_change(row, old_value):
        changes.append(
            ImportChange(
                pending=pending,
                row=row.row,
                force=row.force,
                measure=row.measure,
                period=row.period,
                old_value=old_value,
                new_value=row.value,
            )
        )
        if len(changes) >= CHANGES_BATCH:
            ImportChange.objects.bulk_create(changes)
            changes.clear()

    try:
        importer = importer_for(pending, progress=_progress(pending.pk), on_change=on_change)
        with _reading(pending):
            report = importer.run(io.BytesIO(pending.data), dry_run=True)
        ImportChange.objects.bulk_create(changes)
    except MemoryError:
        changes.clear()
        _failed(pending, TOO_MUCH_MEMORY)
        return
    except Exception:
        _failed(pending)
        raise
    if not report.ok:
        ImportChange.objects.filter(pending=pending).delete()
    _finish(pending, ImportStatus.CHECKED, report)


@task()
def write_import(pending_id: int) -> None:
    """The confirmed import: checked again, then written all or nothing."""
    pending = PendingImport.objects.get(pk=pending_id)
    try:
        importer = importer_for(pending, progress=_progress(pending.pk))
        with _reading(pending):
            report = importer.run(io.BytesIO(pending.data), dry_run=False)
    except MemoryError:
        _failed(pending, TOO_MUCH_MEMORY)
        return
    except Exception:
        _failed(pending)
        raise
    _finish(pending, ImportStatus.DONE if report.ok else ImportStatus.CHECKED, report)
    if report.ok:
        pending.changes.all().delete()
        PendingImport.objects.filter(pk=pending.pk).update(data=b"")  # no longer needed


def _reading(pending):
    """Around reading the file: the heartbeat names the import, and memory is capped."""
    stack = contextlib.ExitStack()
    stack.enter_context(import_running(pending.pk))
    stack.enter_context(memory_cap(settings.STATISTICS_IMPORT_MEMORY_BYTES))
    return stack


def _failed(pending, failure=FAILED):
    logger.exception("Import %s failed", pending.pk)
    PendingImport.objects.filter(pk=pending.pk).update(status=ImportStatus.FAILED, failure=failure)
