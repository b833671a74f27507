"""The figure blocks an editor puts in a story: a comparison sentence, a table and a chart.

They store references (a measure, forces, periods), never numbers, and read the figures
at render time from the lookup the page puts in the context (`lookup.CONTEXT_NAME`), so
a correction in the admin shows in every story at once, and a page with twenty figure
blocks costs the same queries as a page with one. A missing figure renders as "figure not
available" to readers and as a warning in previews, never as an error.
"""

import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .change import Comparison
from .grids import CHART_WIDTH, build_grid, chart_layout
from .lookup import (
    CONTEXT_NAME,
    FigureLookup,
    figure_query,
    figures_for_blocks,
    forces_by_id,
    measures_by_id,
)
from .models import Figure, Measure, PoliceForce
from .needed import NeededFigure
from .periods import (
    normalise_period,
    parse_period,
    period_sort_key,
    previous_period,
    validate_period,
)
from .widgets import ForcesWidget, ForceWidget


def _is_preview(context):
    request = context.get("request")
    return bool(getattr(request, "is_preview", False) or context.get("block_def"))


def _valid_period(text):
    try:
        parse_period(text)
    except (TypeError, ValueError):
        return False
    return True


class CachedChooserBlock(SnippetChooserBlock):
    """A force or measure chooser that reads the cached list of them instead of a query per
    block type: the figure blocks of a story cost no queries to load their choices.

    It deconstructs as Wagtail's `SnippetChooserBlock` (the stored data is the same), so
    swapping one for the other needs no migration.
    """

    def __init__(self, target_model, by_id, **kwargs):
        super().__init__(target_model, **kwargs)
        self.by_id = by_id

    def bulk_to_python(self, values):
        by_pk = self.by_id()
        return [by_pk.get(value) for value in values]

    def deconstruct(self):
        args, kwargs = self._constructor_args
        return ("wagtail.snippets.blocks.SnippetChooserBlock", args[:1], kwargs)


def measure_chooser(**kwargs):
    """The model named by its label, not its class, so that it deconstructs to a string and
    migrations never import `statistics.models`."""
    return CachedChooserBlock("statistics.Measure", measures_by_id, **kwargs)


class PeriodBlock(blocks.CharBlock):
    """A period as editors write it (`2019-20`, `2019/2020`, `FY2019/20`, `2020`), kept in its
    canonical form (`2019/20`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("validators", [validate_period])
        super().__init__(**kwargs)

    def clean(self, value):
        text = (value or "").strip()
        if text:
            try:
                text = normalise_period(text)
            except ValueError as error:
                raise ValidationError(str(error)) from error
        return super().clean(text)


class ForcesBlock(blocks.FieldBlock):
    """Forces chosen together in one searchable list grouped by nation (`ForcesWidget`);
    stored as their ids. Reads the ids of the list of choosers it replaced too."""

    def __init__(self, required=False, help_text=None, **kwargs):
        self.field_options = {"required": required, "help_text": help_text}
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.ModelMultipleChoiceField(
            queryset=PoliceForce.objects.all(), widget=ForcesWidget, **self.field_options
        )

    def to_python(self, value):
        by_pk = forces_by_id()
        ids = [item["value"] if isinstance(item, dict) else item for item in value or []]
        return [by_pk[int(pk)] for pk in ids if str(pk).isdigit() and int(pk) in by_pk]

    def normalize(self, value):
        """Forces (or their ids, as the form and stored data give them) in name order."""
        forces = [force for force in value or [] if isinstance(force, PoliceForce)]
        forces += self.to_python([pk for pk in value or [] if not isinstance(pk, PoliceForce)])
        return sorted(forces, key=lambda force: force.name)

    def get_prep_value(self, value):
        return [force.pk for force in value or []]

    def value_for_form(self, value):
        return [force.pk for force in value or []]

    def value_from_form(self, value):
        return self.normalize(value)

    def get_searchable_content(self, value):
        return []

    def extract_references(self, value):
        for force in value or []:
            yield PoliceForce, str(force.pk), "", ""

    class Meta:
        icon = "site"
        default = []


class ForceBlock(blocks.FieldBlock):
    """One force, chosen in the same searchable list by nation as a table's forces, with the
    same hint of which forces and periods have figures for the block's measure
    (`ForceWidget`); stored as its id, as the snippet chooser it replaced stored it."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field_options = {"required": required, "help_text": help_text}
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.ModelChoiceField(
            queryset=PoliceForce.objects.all(), widget=ForceWidget, **self.field_options
        )

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        by_pk = forces_by_id()
        return [by_pk.get(int(pk)) if str(pk).isdigit() else None for pk in values]

    def normalize(self, value):
        return value if isinstance(value, PoliceForce) or value is None else self.to_python(value)

    def get_prep_value(self, value):
        return value.pk if value else None

    def value_for_form(self, value):
        return value.pk if value else None

    def value_from_form(self, value):
        return self.normalize(value or None)

    def get_searchable_content(self, value):
        return []

    def extract_references(self, value):
        if value:
            yield PoliceForce, str(value.pk), "", ""

    class Meta:
        icon = "site"


class FigureBlockMixin:
    """Reads the page's figure lookup, or fetches its own figures when rendered alone."""

    def figure_query(self, value):
        raise NotImplementedError

    def lookup(self, value, parent_context):
        lookup = (parent_context or {}).get(CONTEXT_NAME)
        if isinstance(lookup, FigureLookup):
            return lookup
        return figures_for_blocks([(self, value)])

    def shown_figures(self, value) -> list[Figure]:
        raise NotImplementedError

    def extract_references(self, value):
        """The measure and forces chosen, and each figure shown: a figure's usage lists the
        stories that show it."""
        yield from super().extract_references(value)
        for figure in self.shown_figures(value):
            yield Figure, str(figure.pk), "", ""

    def figures_needed(self, value, lookup) -> list[NeededFigure]:
        """The figures this block shows as "not available", for the preview's advice."""
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["is_preview"] = _is_preview(context)
        lookup = self.lookup(value, parent_context)
        context.update(self.figure_context(value, lookup))
        if context["is_preview"]:
            # The preview's advice fits the role of whoever reads it (`needed.py`).
            user = getattr(context.get("request"), "user", None)
            context["figures_needed"] = self.figures_needed(value, lookup)
            context["can_add_figures"] = bool(user and user.has_perm("statistics.add_figure"))
        return context


class FigureComparisonValue(blocks.StructValue):
    @property
    def compare_period(self):
        """The period compared with: the one chosen, or the one before `period`."""
        if self.get("compare_with"):
            return self["compare_with"].strip()
        if _valid_period(self.get("period") or ""):
            return previous_period(self["period"].strip())
        return ""

    def comparison(self, lookup):
        """(Comparison or None, [the figures], [what is missing, in words])."""
        measure, force = self.get("measure"), self.get("force")
        period = (self.get("period") or "").strip()
        current = lookup.get(measure, force, period)
        earlier = lookup.get(measure, force, self.compare_period)
        missing = [
            f"{getattr(force, 'short_name', 'no force')}, {p or 'no period'}"
            for p, figure in [(period, current), (self.compare_period, earlier)]
            if figure is None
        ]
        if missing:
            return None, [f for f in (current, earlier) if f], missing
        comparison = Comparison(
            unit=measure.unit,
            period=period,
            value=current.value,
            previous_period=self.compare_period,
            previous_value=earlier.value,
        )
        return comparison, [current, earlier], []


def _sources(figures):
    found = {}
    for figure in figures:
        found.setdefault(figure.source_id, figure.source)
    return list(found.values())


class FigureComparisonBlock(FigureBlockMixin, blocks.StructBlock):
    measure = measure_chooser()
    force = ForceBlock(
        help_text="Type part of its name, e.g. Wilt. The hint says which forces and periods "
        "have figures for the measure chosen."
    )
    period = PeriodBlock(help_text="For example 2019/20 (2019-20 works too), or 2020.")
    compare_with = PeriodBlock(
        required=False,
        help_text="An earlier period. Leave empty to compare with the one before.",
    )

    class Meta:
        icon = "order"
        template = "statistics/blocks/figure_comparison.html"
        description = "A force's figure compared with an earlier period, with the change worked out"
        value_class = FigureComparisonValue
        label = "Figure comparison"

    def clean(self, value):
        value = super().clean(value)
        if not self._in_order(value):
            raise StructBlockValidationError(
                block_errors={
                    "compare_with": ValidationError(
                        f"Choose a period before {value['period']} to compare with."
                    )
                }
            )
        return value

    @staticmethod
    def _in_order(value):
        period, earlier = (value.get("period") or "").strip(), value.compare_period
        if not (_valid_period(period) and _valid_period(earlier)):
            return True  # reported as an invalid period instead
        return period_sort_key(earlier) < period_sort_key(period)

    def figure_query(self, value):
        force = value.get("force")
        if force is None:
            return None
        periods = [p for p in [(value.get("period") or "").strip(), value.compare_period] if p]
        return figure_query(value.get("measure"), [force], periods)

    def shown_figures(self, value):
        return value.comparison(self.lookup(value, None))[1]

    def figures_needed(self, value, lookup):
        measure, force = value.get("measure"), value.get("force")
        if measure is None or force is None:
            return []
        periods = [(value.get("period") or "").strip(), value.compare_period]
        return [
            NeededFigure(measure, force, period)
            for period in periods
            if _valid_period(period) and lookup.get(measure, force, period) is None
        ]

    def figure_context(self, value, lookup):
        comparison, figures, missing = value.comparison(lookup)
        return {
            "comparison": comparison,
            "sources": _sources(figures),
            "missing": missing,
        }

    def get_publish_errors(self, value) -> list[str]:
        """Why this block should not be published as it is, in words; [] when it is fine."""
        errors = [
            f"The figure comparison has no {name}."
            for name in ("measure", "force", "period")
            if not value.get(name)
        ]
        if errors:
            return errors
        for text in (value["period"], value.compare_period):
            if not _valid_period(text):
                errors.append(f"The figure comparison's period “{text}” is not valid.")
        if errors:
            return errors
        if not self._in_order(value):
            errors.append(
                f"The figure comparison compares {value['period']} with {value.compare_period}: "
                "the period compared with must be earlier."
            )
        _, _, missing = value.comparison(self.lookup(value, None))
        errors += [
            f"The figure comparison needs a figure that is not there: {value['measure'].name}, "
            f"{what}."
            for what in missing
        ]
        return errors

    def get_preview_value(self):
        """A real comparison from the database: the latest figure that has an earlier one."""
        for figure in Figure.objects.with_related().order_by("-period_key", "-updated_at")[:50]:
            earlier = previous_period(figure.period)
            if Figure.objects.filter(
                measure=figure.measure_id, force=figure.force_id, period=earlier
            ).exists():
                return self.normalize(
                    {
                        "measure": figure.measure,
                        "force": figure.force,
                        "period": figure.period,
                        "compare_with": "",
                    }
                )
        return self.normalize({"measure": None, "force": None, "period": "", "compare_with": ""})


class FigureTableBlock(FigureBlockMixin, blocks.StructBlock):
    measure = measure_chooser()
    forces = ForcesBlock(
        help_text="Tick each force to show. None ticked: every force with figures, filled "
        "in when the story is saved."
    )
    periods = blocks.ListBlock(
        PeriodBlock(),
        default=[],
        required=False,
        help_text="For example 2019/20. None: every period with figures, filled in when the "
        "story is saved. The change is between the last two.",
    )
    caption = blocks.CharBlock(
        max_length=200, required=False, help_text="Leave empty to use the measure's name."
    )

    what = "figure table"

    class Meta:
        icon = "table"
        template = "statistics/blocks/figure_table.html"
        description = "A table of forces' figures by period, with the change"
        label = "Figure table"

    def clean(self, value):
        """ "Every force" and "every period" become the forces and periods that have figures
        now, so that a later import never changes what a saved story shows or needs."""
        value = super().clean(value)
        measure = value.get("measure")
        if measure is not None and not (value.get("forces") and value.get("periods")):
            grid = self.grid(value, figures_for_blocks([(self, value)]))
            if not value.get("forces"):
                value["forces"] = [row.force for row in grid.rows]
            if not value.get("periods"):
                value["periods"] = self.child_blocks["periods"].normalize(grid.periods)
        return value

    def figure_query(self, value):
        return figure_query(
            value.get("measure"),
            [f for f in value.get("forces") or [] if f],
            [p.strip() for p in value.get("periods") or [] if p],
        )

    def grid(self, value, lookup):
        measure = value.get("measure")
        return build_grid(
            measure,
            lookup.for_measure(measure),
            forces=[f for f in value.get("forces") or [] if f],
            periods=[p.strip() for p in value.get("periods") or [] if p],
        )

    def shown_figures(self, value):
        grid = self.grid(value, self.lookup(value, None))
        return [cell for row in grid.rows for cell in row.cells if cell is not None]

    def figures_needed(self, value, lookup):
        measure = value.get("measure")
        if measure is None:
            return []
        missing = self.grid(value, lookup).missing
        return [NeededFigure(measure, force, period) for force, period in missing]

    def figure_context(self, value, lookup):
        grid = self.grid(value, lookup)
        measure = value.get("measure")
        return {
            "grid": grid,
            "caption": value.get("caption") or (measure.name if measure else ""),
            "missing": [f"{force.short_name}, {period}" for force, period in grid.missing],
        }

    def get_publish_errors(self, value) -> list[str]:
        """Why this block should not be published as it is, in words; [] when it is fine."""
        measure = value.get("measure")
        if measure is None:
            return [f"The {self.what} has no measure."]
        bad = [p for p in value.get("periods") or [] if not _valid_period(p)]
        if bad:
            return [f"The {self.what}'s period “{p}” is not valid." for p in bad]
        grid = self.grid(value, self.lookup(value, None))
        if grid.is_empty:
            return [f"The {self.what} has no figures for {measure.name}."]
        return [
            f"The {self.what} needs a figure that is not there: {measure.name}, "
            f"{force.short_name}, {period}."
            for force, period in grid.missing
        ]

    def get_preview_value(self):
        """The measure with the most figures, for every force and period it has."""
        measure = (
            Measure.objects.annotate(count=Count("figures")).filter(count__gt=0).order_by("-count")
        ).first()
        return self.normalize({"measure": measure, "forces": [], "periods": [], "caption": ""})


class FigureChartBlock(FigureTableBlock):
    what = "figure chart"

    class Meta:
        icon = "tasks"
        template = "statistics/blocks/figure_chart.html"
        description = "A bar chart of forces' figures by period, drawn without JavaScript"
        label = "Figure chart"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["chart_id"] = self.chart_id(value, (parent_context or {}).get("block_id"))
        return context

    def chart_id(self, value, block_id=None) -> str:
        """What the chart's element ids are made from: the block's id in the story (the story
        template passes it), else a digest of its value, never a random number, so that two
        renders of a page are byte-identical (it caches and diffs)."""
        if block_id:
            return str(block_id)
        prep = json.dumps(self.get_prep_value(value), sort_keys=True, default=str)
        return hashlib.sha256(prep.encode()).hexdigest()[:12]

    def figure_context(self, value, lookup):
        context = super().figure_context(value, lookup)
        context["chart_height"], context["chart_groups"] = chart_layout(context["grid"])
        context["chart_width"] = CHART_WIDTH
        return context
