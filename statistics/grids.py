"""A measure's figures laid out as forces by periods, with the change over the last two
periods: the shape behind the table and chart blocks and the data pages."""

from dataclasses import dataclass

from .change import Change
from .periods import period_sort_key


@dataclass
class GridRow:
    force: object
    cells: list  # a Figure or None for each period
    change: Change | None

    @property
    def values(self):
        return [cell.value if cell is not None else None for cell in self.cells]

    @property
    def formatted(self):
        """Each value as readers see it (“1,234”), or None where the figure is missing."""
        return [f"{value:,}" if value is not None else None for value in self.values]


@dataclass
class FigureGrid:
    measure: object
    periods: list[str]
    rows: list[GridRow]

    @property
    def change_periods(self):
        """The two periods the change column compares, or None with fewer than two."""
        return tuple(self.periods[-2:]) if len(self.periods) >= 2 else None

    @property
    def sources(self):
        found = {}
        for row in self.rows:
            for cell in row.cells:
                if cell is not None:
                    found.setdefault(cell.source_id, cell.source)
        return sorted(found.values(), key=lambda s: (s.date_published, s.publisher))

    @property
    def missing(self):
        """(force, period) for every empty cell."""
        return [
            (row.force, period)
            for row in self.rows
            for period, cell in zip(self.periods, row.cells, strict=True)
            if cell is None
        ]

    @property
    def is_empty(self):
        return not any(cell for row in self.rows for cell in row.cells)

    @property
    def largest(self):
        return max((v for row in self.rows for v in row.values if v is not None), default=0)


def build_grid(measure, figures, *, forces=(), periods=()) -> FigureGrid:
    """The grid of `figures` (one measure's) for the forces and periods given, or for every
    force and period the figures cover when none are given. Figures of other forces or
    periods are left out first: a story reads every block's figures in one query, and a
    table's periods (or forces) are those of its own figures, not another block's."""
    if forces:
        wanted_forces = {force.pk for force in forces}
        figures = [f for f in figures if f.force_id in wanted_forces]
    if periods:
        wanted_periods = set(periods)
        figures = [f for f in figures if f.period in wanted_periods]
    by_key = {(f.force_id, f.period): f for f in figures}
    if not periods:
        periods = {f.period for f in figures}
    periods = sorted(set(periods), key=period_sort_key)
    if not forces:
        forces = {f.force_id: f.force for f in figures}.values()
    rows = []
    for force in sorted(forces, key=lambda f: f.name):
        cells = [by_key.get((force.pk, period)) for period in periods]
        change = None
        if len(cells) >= 2 and cells[-2] is not None and cells[-1] is not None:
            change = Change(cells[-2].value, cells[-1].value)
        rows.append(GridRow(force=force, cells=cells, change=change))
    return FigureGrid(measure=measure, periods=periods, rows=rows)


@dataclass(frozen=True)
class Bar:
    period: str
    y: int
    width: float
    label_x: float
    label: str
    colour_index: int


CHART_WIDTH = 300  # viewBox units: about one CSS pixel each on a phone
CHART_LINE = 22
CHART_BAR = 16
CHART_GAP = 4
CHART_GROUP_GAP = 14
CHART_BAR_SPACE = 160  # the longest bar; its label follows it


def chart_layout(grid: FigureGrid):
    """(height, [(force, label y, [Bar, …])]) in viewBox units, CHART_WIDTH wide."""
    largest = grid.largest or 1
    groups, y = [], 0
    for row in grid.rows:
        label_y = y + CHART_LINE - 6
        y += CHART_LINE
        bars = []
        for index, (period, value) in enumerate(zip(grid.periods, row.values, strict=True)):
            if value is None:
                width, label = 0, f"{period}: not available"
            else:
                width, label = round(CHART_BAR_SPACE * value / largest, 1), f"{period}: {value:,}"
            bars.append(
                Bar(
                    period=period,
                    y=y,
                    width=width,
                    label_x=width + 6,
                    label=label,
                    colour_index=index % 4,
                )
            )
            y += CHART_BAR + CHART_GAP
        groups.append((row.force, label_y, bars))
        y += CHART_GROUP_GAP
    return y, groups
