"""The data behind the stories: each measure's figures for every force, by period, with the
change, as a page and as CSV and JSON downloads (the JSON shape is a contract: DESIGN.md).

The page shows at most `STATISTICS_PAGE_MAX_FIGURES` figures: past that, the latest periods
that fit, and says so (the downloads have every figure). The downloads are streamed
(`downloads.py`), say when their figures last changed (`Last-Modified`) and answer a
conditional GET with 304, so scripts that poll them fetch only what is new.
"""

from django.conf import settings
from django.db.models import Max
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import last_modified, require_safe

from .downloads import csv_lines, in_chunks, json_pieces
from .grids import build_grid
from .models import Measure

SORTS = {
    "force": "force A to Z",
    "change": "largest rise first",
    "-change": "largest fall first",
}


@require_safe
def measure_index(request):
    measures = Measure.objects.filter(figures__isnull=False).distinct()
    return render(
        request, "statistics/measure_index.html", {"measures": measures, "nav": "statistics"}
    )


def shown_periods(measure) -> tuple[list[str] | None, dict | None]:
    """The periods the page shows (None: all of them), and what was left out, if anything."""
    limit = settings.STATISTICS_PAGE_MAX_FIGURES
    total = measure.figures.count()
    if total <= limit:
        return None, None
    forces = measure.figures.order_by().values("force").distinct().count()
    periods = list(
        measure.figures.order_by("-period_key")
        .values_list("period", flat=True)
        .distinct()[: max(2, limit // max(forces, 1))]
    )
    all_periods = measure.figures.order_by().values("period").distinct().count()
    return periods, {"periods": len(periods), "all_periods": all_periods, "figures": total}


def _sort_rows(rows, sort):
    if sort == "force":
        return rows
    sign = -1 if sort == "change" else 1
    with_change = [r for r in rows if r.change is not None and r.change.percent is not None]
    others = [r for r in rows if r.change is None or r.change.percent is None]
    with_change.sort(key=lambda r: (sign * r.change.percent, r.force.name))
    return with_change + others


@require_safe
def measure_detail(request, slug):
    measure = get_object_or_404(Measure, slug=slug)
    periods, summary = shown_periods(measure)
    figures = measure.figures.with_related().order_by("force__name", "period_key")
    if periods is not None:
        figures = figures.filter(period__in=periods)
    sort = request.GET.get("sort", "force")
    if sort not in SORTS:
        sort = "force"
    grid = build_grid(measure, list(figures))
    grid.rows = _sort_rows(grid.rows, sort)
    context = {
        "measure": measure,
        "grid": grid,
        "summary": summary,
        "sort": sort,
        "sort_label": SORTS[sort],
        "sorts": SORTS.items(),
        "measure_description": measure.description
        or f"{measure.name} for every police force, by period, with the change.",
        "nav": "statistics",
    }
    return render(request, "statistics/measure_detail.html", context)


def data_changed(request, slug):
    """When anything in the measure's downloads last changed: the measure, a figure, or the
    name of a figure's force or source (None for an unknown measure: the view's 404
    follows)."""
    found = Measure.objects.filter(slug=slug).aggregate(
        measure=Max("updated_at"),
        figure=Max("figures__updated_at"),
        force=Max("figures__force__updated_at"),
        source=Max("figures__source__updated_at"),
    )
    return max((changed for changed in found.values() if changed), default=None)


def _streamed(pieces, content_type):
    """A download streamed in chunks; public, so Varnish or a CDN may keep it as long as the
    page cache would (which keeps whole responses only, not streams)."""
    response = StreamingHttpResponse(
        (chunk.encode() for chunk in in_chunks(pieces)), content_type=content_type
    )
    if settings.PAGE_CACHE_SECONDS > 0:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
        )
    return response


@require_safe
@last_modified(data_changed)
def measure_json(request, slug):
    measure = get_object_or_404(Measure, slug=slug)
    response = _streamed(json_pieces(measure), "application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@last_modified(data_changed)
def measure_csv(request, slug):
    measure = get_object_or_404(Measure, slug=slug)
    response = _streamed(csv_lines(measure), "text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{measure.slug}.csv"'
    return response
