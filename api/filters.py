"""Query parameters that narrow the figures and helplines lists (django-filter)."""

import django_filters

from contacts.models import Helpline, HelplineKind
from statistics.models import Figure


class FigureFilter(django_filters.FilterSet):
    force = django_filters.CharFilter(
        field_name="force__slug", help_text="A force's slug, e.g. wiltshire."
    )
    measure = django_filters.CharFilter(field_name="measure__slug", help_text="A measure's slug.")
    period = django_filters.CharFilter(help_text="A period as stored: 2019/20 or 2020.")

    class Meta:
        model = Figure
        fields = ["force", "measure", "period"]


class HelplineFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(
        field_name="area__slug", help_text="A police-force area's slug: its own helplines."
    )
    kind = django_filters.ChoiceFilter(choices=HelplineKind.choices)

    class Meta:
        model = Helpline
        fields = ["area", "kind"]
