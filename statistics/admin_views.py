"""The admin's "Import figures": upload a CSV file, read the report of what would change,
then confirm. The same importer as `manage.py import_figures`, so the same checks."""

import io

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_denied, user_passes_test

from .forms import ImportFiguresForm
from .importers import FigureImporter, SourceDetails
from .models import PendingImport

IMPORT_PERMISSIONS = ("statistics.add_figure", "statistics.change_figure")
PENDING_FOR = timezone.timedelta(days=1)


def can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


def importer_for(pending, user):
    source = SourceDetails(
        publisher=pending.source_publisher,
        title=pending.source_title,
        date_published=pending.source_date,
        url=pending.source_url,
    )
    return FigureImporter(source=source, user=user)


def render(request, template, **context):
    return TemplateResponse(
        request,
        template,
        {"page_title": "Import figures", "header_icon": "upload", **context},
    )


@user_passes_test(can_import)
def upload(request):
    form = ImportFiguresForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        PendingImport.objects.filter(uploaded_at__lt=timezone.now() - PENDING_FOR).delete()
        data = form.cleaned_data
        pending = PendingImport.objects.create(
            uploaded_by=request.user,
            file_name=data["file"].name,
            data=data["file"].read(),
            source_publisher=data["source_publisher"],
            source_title=data["source_title"],
            source_date=data["source_date"],
            source_url=data["source_url"],
        )
        report = importer_for(pending, request.user).run(io.BytesIO(pending.data), dry_run=True)
        return render(
            request, "statistics/admin/import_report.html", pending=pending, report=report
        )
    return render(request, "statistics/admin/import_upload.html", form=form)


@require_POST
@user_passes_test(can_import)
def confirm(request, pk):
    pending = get_object_or_404(PendingImport, pk=pk)
    if pending.uploaded_by_id != request.user.pk:
        return permission_denied(request)
    report = importer_for(pending, request.user).run(io.BytesIO(pending.data), dry_run=False)
    if not report.ok:
        return render(
            request, "statistics/admin/import_report.html", pending=pending, report=report
        )
    pending.delete()
    messages.success(request, f"{pending.file_name}: {report.summary}")
    return redirect(reverse("wagtailsnippets_statistics_figure:list"))
