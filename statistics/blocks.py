"""The figure blocks an editor puts in a story: a comparison sentence, a table and a chart.

They store references (a measure, forces, periods), never numbers, and read the figures
at render time from the lookup the page puts in the context (`lookup.CONTEXT_NAME`), so
a correction in the admin shows in every story at once, and a page with twenty figure
blocks costs the same queries as a page with one. A missing figure renders as "figure not
available" to readers and as a warning in previews, never as an error.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db.models import Count

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .change import Comparison
from .grids import CHART_WIDTH, build_grid, chart_layout
from .lookup import (
    CONTEXT_NAME,
    FigureLookup,
    all_forces,
    all_measures,
    figure_query,
    figures_for_blocks,
)
from .models import Figure, Measure
from .periods import parse_period, period_sort_key, previous_period, validate_period


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

    def __init__(self, target_model, lookup, **kwargs):
        super().__init__(target_model, **kwargs)
        self.cached = lookup

    def bulk_to_python(self, values):
        by_pk = {item.pk: item for item in self.cached()}
        return [by_pk.get(value) for value in values]

    def deconstruct(self):
        args, kwargs = self._constructor_args
        return ("wagtail.snippets.blocks.SnippetChooserBlock", args[:1], kwargs)


def measure_chooser(**kwargs):
    return CachedChooserBlock(Measure, all_measures, **kwargs)


def force_chooser(**kwargs):
    return CachedChooserBlock("statistics.PoliceForce", all_forces, **kwargs)


class FigureBlockMixin:
    """Reads the page's figure lookup, or fetches its own figures when rendered alone."""

    def figure_query(self, value):
        raise NotImplementedError

    def lookup(self, value, parent_context):
        lookup = (parent_context or {}).get(CONTEXT_NAME)
        if isinstance(lookup, FigureLookup):
            return lookup
        return figures_for_blocks([(self, value)])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["is_preview"] = _is_preview(context)
        context.update(self.figure_context(value, self.lookup(value, parent_context)))
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
    force = force_chooser()
    period = blocks.CharBlock(
        max_length=7, validators=[validate_period], help_text="For example 2019/20, or 2020."
    )
    compare_with = blocks.CharBlock(
        max_length=7,
        required=False,
        validators=[validate_period],
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
    forces = blocks.ListBlock(
        force_chooser(),
        required=False,
        help_text="Leave empty for every force with figures.",
    )
    periods = blocks.ListBlock(
        blocks.CharBlock(max_length=7, validators=[validate_period]),
        required=False,
        help_text="Leave empty for every period. The change is between the last two.",
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
