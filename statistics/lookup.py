"""Reads of figures: everything a page's figure blocks need, fetched in one query.

Blocks store references (measure, forces, periods), never copies of numbers, so each render
shows the figures as they are now. `ArticlePage.get_context` puts a `FigureLookup` for the
whole body in the template context, and every figure block reads from it.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import caches
from django.db.models import Q

from .change import Change
from .models import Figure, Measure, PoliceForce
from .periods import previous_period

CONTEXT_NAME = "statistics_figures"
# Keyed anew when what is cached under them changes shape, so that no process reads a value
# an earlier release left in the shared cache.
FORCES_KEY = "statistics:forces-by-id"
MEASURES_KEY = "statistics:measures-by-id"


def forces_by_id() -> dict[int, PoliceForce]:
    """Every police force by id, in name order: seeded once, read on most pages (every
    figure block turns the ids it stores into forces), so cached until one changes
    (`forget_cached`)."""
    return caches["site_objects"].get_or_set(
        FORCES_KEY,
        lambda: {force.pk: force for force in PoliceForce.objects.all()},
        settings.OBJECT_CACHE_SECONDS,
    )


def measures_by_id() -> dict[int, Measure]:
    """Every measure by id, cached like the forces: a handful, named by every figure block."""
    return caches["site_objects"].get_or_set(
        MEASURES_KEY,
        lambda: {measure.pk: measure for measure in Measure.objects.all()},
        settings.OBJECT_CACHE_SECONDS,
    )


def all_forces() -> list[PoliceForce]:
    return list(forces_by_id().values())


def all_measures() -> list[Measure]:
    return list(measures_by_id().values())


def forget_cached(sender, **kwargs):
    caches["site_objects"].delete(FORCES_KEY if sender is PoliceForce else MEASURES_KEY)


class FigureLookup:
    """Figures by (measure, force, period), and all of a measure's figures in period order."""

    def __init__(self, figures=()):
        self._by_key = {}
        self._by_measure = defaultdict(list)
        for figure in sorted(figures, key=lambda f: (f.period_key, f.period)):
            self._by_key[(figure.measure_id, figure.force_id, figure.period)] = figure
            self._by_measure[figure.measure_id].append(figure)

    def get(self, measure, force, period):
        if measure is None or force is None:
            return None
        return self._by_key.get((measure.pk, force.pk, period))

    def for_measure(self, measure):
        return self._by_measure.get(measure.pk, []) if measure is not None else []


def with_cached_forces_and_measures(figures):
    """The figures of a query that joins only their sources, each given its force and
    measure from the cached lists: a quarter of the query's cost was building those joins."""
    forces, measures = forces_by_id(), measures_by_id()
    for figure in figures:
        # A force or measure made since the lists were read is left to load itself.
        if (force := forces.get(figure.force_id)) is not None:
            figure.force = force
        if (measure := measures.get(figure.measure_id)) is not None:
            figure.measure = measure
        yield figure


def figures_for_blocks(blocks) -> FigureLookup:
    """One query for the figures of every (figure block, value) pair given."""
    queries = [q for block, value in blocks if (q := block.figure_query(value)) is not None]
    if not queries:
        return FigureLookup()
    # No order: the lookup orders them itself, and the model's default cost a join.
    figures = Figure.objects.select_related("source").filter(reduce(or_, queries)).order_by()
    return FigureLookup(with_cached_forces_and_measures(figures))


def figures_for_stream(stream_value) -> FigureLookup:
    """The figures every figure block in a StreamField value shows."""
    return figures_for_blocks(
        (child.block, child.value) for child in stream_value if hasattr(child.block, "figure_query")
    )


def figure_query(measure, forces=(), periods=()):
    """A filter for a measure's figures, narrowed to some forces and periods when given: by
    id, as Django builds a filter through a relation more slowly for the same SQL."""
    if measure is None:
        return None
    query = Q(measure_id=measure.pk)
    if forces:
        query &= Q(force_id__in=[force.pk for force in forces])
    if periods:
        query &= Q(period__in=periods)
    return query


@dataclass(frozen=True)
class LatestFigure:
    """A force's most recent figure for a measure, with the change from the period before
    when that figure exists."""

    figure: Figure
    previous: Figure | None

    @property
    def change(self) -> Change | None:
        return Change(self.previous.value, self.figure.value) if self.previous else None


def latest_for_force(force) -> list[LatestFigure]:
    """The latest figure of every measure that has one for `force`, measures by name: one
    query, however many measures and periods."""
    figures = Figure.objects.filter(force=force).select_related("source").order_by()
    by_measure = defaultdict(dict)
    for figure in with_cached_forces_and_measures(figures):
        by_measure[figure.measure_id][figure.period] = figure
    latest = []
    for periods in by_measure.values():
        newest = max(periods.values(), key=lambda f: (f.period_key, f.period))
        latest.append(LatestFigure(newest, periods.get(previous_period(newest.period))))
    return sorted(latest, key=lambda item: item.figure.measure.name)
