"""The admin's "Import figures": upload a file and name its source → see what was detected
(file type, sheet, shape, columns) with a preview, and change it → a background task checks
the file while a progress page refreshes → the report, with every row that would change →
confirm, and a task writes it. The same importer as `manage.py import_figures`.

An editor runs one import at a time; a file over the size limit is refused before it is
read (by its Content-Length, before Django parses the upload).
"""

import io
import zipfile

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_denied, user_passes_test

from .archives import unpacked_bytes
from .forms import ImportFiguresForm, ImportLayoutForm, max_upload_bytes, too_large_message
from .heartbeat import import_stopped
from .layouts import HEADER_SEARCH_ROWS, ImportOptions, LayoutProblem, column_letter, detect
from .models import ImportStatus, Measure, PendingImport
from .readers import FileProblem, open_table
from .reports import ImportReport
from .tasks import check_import, write_import

IMPORT_PERMISSIONS = ("statistics.add_figure", "statistics.change_figure")
PENDING_FOR = timezone.timedelta(days=1)
# A task that has not reported progress for this long is taken to have died with its worker
# (when its worker's heartbeat cannot say sooner: heartbeat.py).
STALLED_AFTER = timezone.timedelta(minutes=30)
WORKER_STOPPED = (
    "The task worker stopped while it was reading this file, so nothing was written. Go back "
    "to the file and check it again."
)
FORM_OVERHEAD = 64 * 1024  # the form's other fields, around the file, in a multipart body
PREVIEW_ROWS = 10
TOO_LARGE_TO_PREVIEW = (
    "This spreadsheet is too large to preview here. Say where the figures are below (or "
    "leave the shape empty to have it found) and check the file: it is read when checked."
)
CHANGES_PER_PAGE = 50


def can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


def render(request, template, *, status=200, **context):
    return TemplateResponse(
        request,
        template,
        {"page_title": "Import figures", "header_icon": "upload", **context},
        status=status,
    )


def fail_if_stopped(pending) -> bool:
    """Mark a running import failed if its worker died (its heartbeat stopped) or it has not
    reported progress for STALLED_AFTER; True if it was. It can be checked again at once."""
    if not pending.is_running:
        return False
    if import_stopped(pending.pk):
        failure = WORKER_STOPPED
    elif pending.updated_at < timezone.now() - STALLED_AFTER:
        failure = "The import stopped answering."
    else:
        return False
    PendingImport.objects.filter(pk=pending.pk, status=pending.status).update(
        status=ImportStatus.FAILED, failure=failure
    )
    pending.status, pending.failure = ImportStatus.FAILED, failure
    return True


def running_import(user, *, exclude=None):
    """The user's import being checked or written right now, if any."""
    running = (
        PendingImport.objects.filter(uploaded_by=user, status__in=PendingImport.RUNNING)
        .exclude(pk=exclude)
        .defer("data")
    )
    return next((pending for pending in running if not fail_if_stopped(pending)), None)


def own_import(request, pk, *, with_data=False):
    """The import `pk` if this user uploaded it, else None."""
    imports = PendingImport.objects.filter(pk=pk, uploaded_by=request.user)
    return (imports if with_data else imports.defer("data")).first()


def status_url(pending):
    return reverse("statistics_import_status", args=[pending.pk])


@csrf_exempt  # checked by `_upload`, once the size is known to be acceptable
@user_passes_test(can_import)
def upload(request):
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > max_upload_bytes() + FORM_OVERHEAD:
            # Refused before Django reads the body: nothing of the file is parsed or stored.
            return render(
                request,
                "statistics/admin/import_upload.html",
                form=ImportFiguresForm(),
                refused=too_large_message(),
                status=413,
            )
    return _upload(request)


@csrf_protect
def _upload(request):
    running = running_import(request.user)
    if running:
        messages.warning(
            request, "Your last import is still being checked or written: wait for it to finish."
        )
        return redirect(status_url(running))
    form = ImportFiguresForm(request.POST or None, request.FILES or None, initial=_again(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        previous = PendingImport.objects.filter(
            pk=data.get("previous"), uploaded_by=request.user
        ).first()
        # Each editor keeps only the import in hand; anyone's are gone after a day.
        PendingImport.objects.filter(uploaded_at__lt=timezone.now() - PENDING_FOR).delete()
        PendingImport.objects.filter(uploaded_by=request.user).delete()
        pending = PendingImport.objects.create(
            uploaded_by=request.user,
            file_name=data["file"].name,
            data=data["file"].read(),
            source=data["source"],
            source_publisher=data["source_publisher"],
            source_title=data["source_title"],
            source_date=data["source_date"],
            source_url=data["source_url"],
            options=previous.options if previous else options_known_for(data["source"]),
        )
        return redirect("statistics_import_layout", pending.pk)
    return render(request, "statistics/admin/import_upload.html", form=form, media=form.media)


def options_known_for(source) -> dict:
    """A new file from a source imported before starts with that source's measure, when all
    its figures count one thing, so the editor is not asked for it on every upload."""
    if source is None:
        return {}
    measures = Measure.objects.filter(figures__source=source).distinct()
    slugs = list(measures.values_list("slug", flat=True)[:2])
    return ImportOptions(measure=slugs[0]).as_dict() if len(slugs) == 1 else {}


def _again(request):
    """The last upload's source, when the editor comes back with a corrected file."""
    pending = PendingImport.objects.filter(
        pk=request.GET.get("again") or None, uploaded_by=request.user
    ).first()
    if pending is None:
        return {}
    return {
        "source": pending.source_id,
        "source_publisher": pending.source_publisher,
        "source_title": pending.source_title,
        "source_date": pending.source_date,
        "source_url": pending.source_url,
        "previous": pending.pk,
    }


def too_large_to_preview(stream) -> bool:
    """A spreadsheet the web request should not parse: it is read by the task worker only."""
    if stream.read(4) != b"PK\x03\x04":
        stream.seek(0)
        return False
    stream.seek(0)
    try:
        return unpacked_bytes(stream) > settings.STATISTICS_IMPORT_PREVIEW_UNPACKED_BYTES
    except zipfile.BadZipFile:
        return False  # open_table names the problem


def inspect(pending, options: ImportOptions) -> dict:
    """What the first rows of the file say: type, sheets, layout (or why there is none) and
    a preview. Reads only the first rows of a CSV, and a spreadsheet only when it is small
    (openpyxl reads a workbook's shared strings, calamine a whole sheet, before the first
    row), so the web request never parses a large file."""
    stream = io.BytesIO(pending.data)
    if too_large_to_preview(stream):
        return {"problem": TOO_LARGE_TO_PREVIEW}
    try:
        table = open_table(stream, sheet=options.sheet)
        head = []
        for number, cells in table.rows():
            head.append((number, cells))
            if len(head) >= HEADER_SEARCH_ROWS + PREVIEW_ROWS:
                break
    except FileProblem as problem:
        return {"problem": problem.message}
    layout, problem = None, ""
    try:
        layout = detect(head, options)
    except LayoutProblem as error:
        problem = error.message
    start = layout.header_row if layout else head[0][0] if head else 1
    preview = [(n, cells) for n, cells in head if n >= start][: PREVIEW_ROWS + 1]
    width = max((len(cells) for _, cells in preview), default=0)
    return {
        "table": table,
        "layout": layout,
        "problem": problem,
        "letters": [column_letter(i) for i in range(width)],
        "preview": [(n, cells + [None] * (width - len(cells))) for n, cells in preview],
    }


@user_passes_test(can_import)
def layout(request, pk):
    pending = own_import(request, pk, with_data=True)
    if pending is None:
        return permission_denied(request)
    if pending.is_running and not fail_if_stopped(pending):
        return redirect(status_url(pending))
    options = ImportOptions.from_dict(pending.options)
    if request.method == "POST":
        form = ImportLayoutForm(request.POST, sheets=_sheets(pending))
        if form.is_valid():
            options = form.options()
            pending.options = options.as_dict()
            pending.save(update_fields=["options", "updated_at"])
            if "check" in request.POST:
                return _start(request, pending, ImportStatus.CHECKING, check_import)
            form = ImportLayoutForm(initial=form.initial_from(options), sheets=_sheets(pending))
    found = inspect(pending, options)
    if request.method != "POST":
        detected = found.get("layout")
        initial = ImportLayoutForm.initial_from(options)
        if detected and not options.shape:
            initial.update(_columns(detected))
        if found.get("table"):
            initial["sheet"] = found["table"].sheet
        form = ImportLayoutForm(initial=initial, sheets=_sheets(pending, found))
    return render(
        request, "statistics/admin/import_layout.html", pending=pending, form=form, **found
    )


def _sheets(pending, found=None):
    table = (found or {}).get("table")
    if table is None:
        if too_large_to_preview(io.BytesIO(pending.data)):
            return []  # the sheet is then typed, by name or number
        try:
            table = open_table(io.BytesIO(pending.data))
        except FileProblem:
            return []
    return table.sheet_names


def _columns(layout) -> dict:
    """The detected layout as the form's values, so the editor sees and can change them."""
    header = layout.header

    def named(index):
        return header[index] if index is not None and index < len(header) else ""

    values = {"shape": layout.shape}
    if layout.shape != "wide":
        values.update(
            force_column=named(layout.force),
            period_column=named(layout.period),
            quarter_column=named(layout.quarter),
            value_column=named(layout.value),
            measure_column=named(layout.measure),
        )
    elif layout.force:
        values["force_column"] = named(layout.force)
    return values


def _start(request, pending, status, task):
    """Hand the import to a task, unless another of the editor's imports is running."""
    if running_import(request.user, exclude=pending.pk):
        messages.warning(request, "Another import of yours is running: wait for it to finish.")
        return redirect(status_url(pending))
    started = (
        PendingImport.objects.filter(pk=pending.pk)
        .exclude(status__in=PendingImport.RUNNING)
        .update(
            status=status, rows_checked=0, problem_count=0, failure="", updated_at=timezone.now()
        )
    )
    if started:
        transaction.on_commit(lambda: task.enqueue(pending.pk))
    return redirect(status_url(pending))


@user_passes_test(can_import)
def status(request, pk):
    """Progress while a task runs (the page refreshes itself), then the report or result."""
    pending = own_import(request, pk)
    if pending is None:
        return permission_denied(request)
    fail_if_stopped(pending)
    context = {"pending": pending}
    if pending.report is not None and not pending.is_running:
        report = ImportReport.from_dict(pending.report)
        context["report"] = report
        if pending.status == ImportStatus.CHECKED and report.ok:
            changes = pending.changes.select_related("force", "measure")
            context["changes"] = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "statistics/admin/import_status.html", **context)


@require_POST
@user_passes_test(can_import)
def confirm(request, pk):
    pending = own_import(request, pk)
    if pending is None:
        return permission_denied(request)
    if pending.status != ImportStatus.CHECKED:
        return redirect(status_url(pending))
    return _start(request, pending, ImportStatus.WRITING, write_import)
