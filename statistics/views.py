"""The data behind the stories: each measure's figures for every force, by period, with the
change, as a page and as CSV and JSON downloads (the JSON shape is a contract: DESIGN.md).

The downloads say when their figures last changed (`Last-Modified`) and answer a
conditional GET with 304, so scripts that poll them fetch only what is new.
"""

import csv

from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import last_modified, require_safe

from .change import Change
from .grids import build_grid
from .models import Measure
from .periods import previous_period

SORTS = {
    "force": "force A to Z",
    "change": "largest rise first",
    "-change": "largest fall first",
}
DOWNLOAD_COLUMNS = [
    "force",
    "force_slug",
    "period",
    "value",
    "previous_period",
    "previous_value",
    "change_percent",
    "direction",
]
# The CSV only: each row also names what is counted and where the figure comes from.
CSV_COLUMNS = DOWNLOAD_COLUMNS + [
    "measure",
    "unit",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
]


@require_safe
def measure_index(request):
    measures = Measure.objects.filter(figures__isnull=False).distinct()
    return render(
        request, "statistics/measure_index.html", {"measures": measures, "nav": "statistics"}
    )


def _measure_figures(slug):
    measure = get_object_or_404(Measure, slug=slug)
    figures = list(measure.figures.with_related().order_by("force__name", "period_key"))
    return measure, figures


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
    measure, figures = _measure_figures(slug)
    sort = request.GET.get("sort", "force")
    if sort not in SORTS:
        sort = "force"
    grid = build_grid(measure, figures)
    grid.rows = _sort_rows(grid.rows, sort)
    context = {
        "measure": measure,
        "grid": grid,
        "sort": sort,
        "sort_label": SORTS[sort],
        "sorts": SORTS.items(),
        "measure_description": measure.description
        or f"{measure.name} for every police force, by period, with the change.",
        "nav": "statistics",
    }
    return render(request, "statistics/measure_detail.html", context)


def download_rows(figures):
    """One row per figure, with the figure of the period before for the same force."""
    by_key = {(f.force_id, f.period): f for f in figures}
    for figure in figures:
        earlier_period = previous_period(figure.period)
        earlier = by_key.get((figure.force_id, earlier_period))
        change = Change(earlier.value, figure.value) if earlier else None
        yield {
            "force": figure.force.name,
            "force_slug": figure.force.slug,
            "period": figure.period,
            "value": figure.value,
            "previous_period": earlier_period if earlier else None,
            "previous_value": earlier.value if earlier else None,
            "change_percent": change.percent if change else None,
            "direction": change.direction if change else None,
        }


def _sources(figures):
    found = {f.source_id: f.source for f in figures}
    return sorted(found.values(), key=lambda s: (s.date_published, s.publisher))


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


@require_safe
@last_modified(data_changed)
def measure_json(request, slug):
    measure, figures = _measure_figures(slug)
    data = {
        "measure": measure.name,
        "unit": measure.unit,
        "sources": [
            {
                "publisher": source.publisher,
                "title": source.title,
                "date_published": source.date_published.isoformat(),
                "url": source.url or None,
            }
            for source in _sources(figures)
        ],
        "figures": list(download_rows(figures)),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@last_modified(data_changed)
def measure_csv(request, slug):
    measure, figures = _measure_figures(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{measure.slug}.csv"'
    writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for figure, row in zip(figures, download_rows(figures), strict=True):
        source = figure.source
        row |= {
            "measure": measure.name,
            "unit": measure.unit,
            "source_publisher": source.publisher,
            "source_title": source.title,
            "source_date": source.date_published.isoformat(),
            "source_url": source.url,
        }
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return response
