"""`/api/figures/`, `/api/forces/`, `/api/measures/`, `/api/sources/`, `/api/helplines/`.

Read-only lists (paginated, JSON or CSV with `?format=csv`) and items. A figures page costs
the same few queries whatever its size: the figures with their force, measure and source,
the figures of the periods before them, the count, and when any of them last changed.
"""

from django.db.models import Max
from django.http import JsonResponse
from django.utils.http import http_date

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer

from contacts.models import Helpline
from statistics.models import Figure, Measure, PoliceForce, Source
from statistics.periods import previous_period

from .filters import FigureFilter, HelplineFilter
from .policy import OpenDataPolicy
from .renderers import CSVRenderer
from .serializers import (
    FigureSerializer,
    ForceSerializer,
    HelplineSerializer,
    MeasureSerializer,
    SourceSerializer,
)

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
BAD_FILTER = OpenApiResponse(
    OpenApiTypes.OBJECT, description="A filter's value is not one it takes: why, by filter."
)
FORMAT = OpenApiParameter(
    "format", OpenApiTypes.STR, enum=["json", "csv"], description="json (the default) or csv"
)


def not_found(request, key="detail"):
    """Any other address under /api/: a 404 a client can read, not the site's HTML page."""
    return JsonResponse({key: "No such resource in this API: see /api/docs/."}, status=404)


def documented(list_summary: str, item_summary: str, serializer):
    """The schema of a list and its items: 404 for an unknown item or page, CSV or JSON."""
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary,
            parameters=[FORMAT],
            responses={200: serializer(many=True), 400: BAD_FILTER, 404: ERROR},
        ),
        retrieve=extend_schema(summary=item_summary, responses={200: serializer, 404: ERROR}),
    )


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


def previous_figures(figures) -> dict[int, Figure]:
    """Each figure's figure for the period before (same force and measure), by the later
    figure's id: one query for a whole page of figures."""
    wanted = {(f.force_id, f.measure_id, previous_period(f.period)): f.pk for f in figures}
    if not wanted:
        return {}
    earlier = Figure.objects.filter(
        force_id__in={force for force, _, _ in wanted},
        measure_id__in={measure for _, measure, _ in wanted},
        period__in={period for _, _, period in wanted},
    ).only("pk", "force_id", "measure_id", "period", "value")
    return {
        wanted[key]: figure
        for figure in earlier
        if (key := (figure.force_id, figure.measure_id, figure.period)) in wanted
    }


class ReadOnlyViewSet(OpenDataPolicy, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pages
    renderer_classes = [JSONRenderer, CSVRenderer]
    filter_backends = [DjangoFilterBackend]


@documented("Figures", "A figure", FigureSerializer)
class FigureViewSet(ReadOnlyViewSet):
    """Every figure: a force's count of a measure in a period, with the change from the
    period before and its source."""

    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    queryset = Figure.objects.with_related().order_by("measure_id", "force_id", "period_key")

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        context = self.get_serializer_context() | {"previous": previous_figures(page)}
        response = self.get_paginated_response(
            FigureSerializer(page, many=True, context=context).data
        )
        changed = queryset.order_by().aggregate(changed=Max("updated_at"))["changed"]
        if changed:
            response["Last-Modified"] = http_date(changed.timestamp())
        return response


@documented("Police forces", "A police force", ForceSerializer)
class ForceViewSet(ReadOnlyViewSet):
    """The police forces of the UK, with their ONS and data.police.uk codes."""

    serializer_class = ForceSerializer
    queryset = PoliceForce.objects.order_by("name")
    lookup_field = "slug"


@documented("Measures", "A measure", MeasureSerializer)
class MeasureViewSet(ReadOnlyViewSet):
    """What is counted, in which unit, and which way is good news."""

    serializer_class = MeasureSerializer
    queryset = Measure.objects.order_by("name")
    lookup_field = "slug"


@documented("Sources", "A source", SourceSerializer)
class SourceViewSet(ReadOnlyViewSet):
    """Where figures come from."""

    serializer_class = SourceSerializer
    queryset = Source.objects.order_by("-date_published", "publisher", "pk")


@documented("Helplines", "A helpline", HelplineSerializer)
class HelplineViewSet(ReadOnlyViewSet):
    """Published helplines, emergency first: what stories show, never a draft."""

    serializer_class = HelplineSerializer
    filterset_class = HelplineFilter

    def get_queryset(self):
        return Helpline.objects.published().emergency_first().select_related("area")
