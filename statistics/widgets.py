"""Forces chosen in a figure block, in one place: every force as a checkbox (a table's or
chart's forces) or a radio button (a comparison's force), grouped by nation, with a box that
narrows the list as the editor types and a hint of which forces and periods have figures for
the measure chosen beside it."""

import json
from collections import defaultdict

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .models import Figure, Nation
from .periods import period_sort_key

NATION_ORDER = [Nation.ENGLAND, Nation.WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND]


def figure_coverage() -> dict:
    """{measure pk: {"forces": [force pks], "periods": [periods in order]}}: which forces and
    periods have figures for each measure (two queries)."""
    forces, periods = defaultdict(set), defaultdict(set)
    for measure, force in Figure.objects.values_list("measure_id", "force_id").distinct():
        forces[measure].add(force)
    for measure, period in Figure.objects.values_list("measure_id", "period").distinct():
        periods[measure].add(period)
    return {
        str(measure): {
            "forces": sorted(forces[measure]),
            "periods": sorted(periods[measure], key=period_sort_key),
        }
        for measure in forces
    }


class ForceListMixin:
    """The list of forces by nation, its filter box and its figures hint, whether one force or
    several are chosen. `hint=False` leaves out the figures hint, for forces chosen for
    another reason (a story's areas)."""

    template_name = "statistics/widgets/forces.html"

    def __init__(self, attrs=None, choices=(), hint=True):
        super().__init__(attrs, choices)
        self.hint = hint

    class Media:
        js = ["statistics/forces_widget.js"]
        css = {"all": ["statistics/forces_widget.css"]}

    def optgroups(self, name, value, attrs=None):
        """The options grouped by the nation of their force (British Transport Police, for
        Great Britain, last)."""
        groups = defaultdict(list)
        for _group, options, _index in super().optgroups(name, value, attrs):
            for option in options:
                force = getattr(option["value"], "instance", None)
                if force is None:
                    continue  # an empty choice: choosing none is choosing no option
                option["force"] = force
                groups[force.nation].append(option)
        order = [*NATION_ORDER, *(n for n in Nation if n not in NATION_ORDER)]
        return [
            (Nation(nation).label, groups[nation], index)
            for index, nation in enumerate(order)
            if groups[nation]
        ]

    def _render(self, template_name, context, renderer=None):
        """From the project's templates (templates/statistics/), which the form renderer
        does not search."""
        return mark_safe(render_to_string(template_name, context))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["coverage"] = json.dumps(figure_coverage()) if self.hint else ""
        return context


class ForcesWidget(ForceListMixin, forms.CheckboxSelectMultiple):
    """Several forces: a figure table's or chart's, or a story's areas."""


class ForceWidget(ForceListMixin, forms.RadioSelect):
    """One force: a figure comparison's."""
