"""Where the figures are in a table: its shape, header row and columns.

- long: columns `force`, `measure`, `period`, `value` (any order), one figure a row;
- wide: a force column, then one column per period (`--measure` names the measure);
- mapped: any long table, with the force, period (and quarter), value and measure columns
  named, rows kept by `--where "Offence Code=88A"`, and rows that share force and period
  summed (quarters into financial years).

The header is the first row, among the first `HEADER_SEARCH_ROWS`, that has the columns the
shape needs, so title rows above a published table are passed over. `detect` works out the
shape and the columns from the header when they are not given, and says what it needs when
it cannot.
"""

import re
import string
from dataclasses import asdict, dataclass, field, replace

from .periods import normalise_period

HEADER_SEARCH_ROWS = 30
SHAPES = ("long", "wide", "mapped")
SHAPE_NAMES = {
    "long": "force, measure, period, value",
    "wide": "forces down, periods across",
    "mapped": "the columns named",
}
LONG_COLUMNS = ("force", "measure", "period", "value")
# Headers that name each column in published tables, normalised (lower case, single spaces).
FORCE_HEADERS = (
    "force",
    "force name",
    "police force",
    "police force name",
    "police force area",
    "police force area name",
    "pfa",
    "pfa name",
    "force area",
    "area",
    "area name",
)
PERIOD_HEADERS = ("period", "financial year", "year", "fy", "reporting period", "time period")
QUARTER_HEADERS = ("quarter", "financial quarter", "fq")
VALUE_HEADERS = ("value", "number of offences", "count", "number", "total", "figure", "offences")
MEASURE_HEADERS = ("measure",)


class LayoutProblem(Exception):
    def __init__(self, message, row=1):
        super().__init__(message)
        self.message = message
        self.row = row


def header_key(text) -> str:
    return " ".join(str(text).replace("_", " ").split()).lower() if text is not None else ""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


@dataclass
class ImportOptions:
    """What the editor or the command line says about the file; empty means "work it out"."""

    sheet: str = ""
    shape: str = ""
    measure: str = ""
    force_column: str = ""
    period_column: str = ""
    quarter_column: str = ""
    value_column: str = ""
    measure_column: str = ""
    where: list[str] = field(default_factory=list)
    sum: bool = False

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data) -> "ImportOptions":
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in (data or {})}
        return cls(**known)


@dataclass
class Layout:
    shape: str
    header_row: int
    header: list[str]
    force: int
    measure: int | None = None
    period: int | None = None
    quarter: int | None = None
    value: int | None = None
    period_columns: list[tuple[int, str]] = field(default_factory=list)
    measure_name: str = ""
    where: list[tuple[int, str]] = field(default_factory=list)
    sum: bool = False

    def name(self, index) -> str:
        label = self.header[index] if index < len(self.header) else ""
        return f"column {column_letter(index)}" + (f" ({label})" if label else "")

    def column_names(self) -> list[str]:
        """`name(i)` for every column the layout reads, worked out once per file."""
        used = [self.force, self.measure, self.period, self.quarter, self.value]
        used += [i for i, _ in self.period_columns]
        width = max([len(self.header)] + [i + 1 for i in used if i is not None])
        return [self.name(i) for i in range(width)]

    def describe(self) -> str:
        """One line for the report: what was read where."""
        parts = [
            f"{self.shape} table, header on row {self.header_row}",
            f"force: {self.name(self.force)}",
        ]
        if self.shape == "wide":
            periods = ", ".join(p for _, p in self.period_columns)
            parts.append(f"periods: {periods}")
        else:
            parts.append(f"period: {self.name(self.period)}")
            if self.quarter is not None:
                parts.append(f"quarter: {self.name(self.quarter)}")
            parts.append(f"value: {self.name(self.value)}")
        parts.append(
            f"measure: {self.name(self.measure)}"
            if self.measure is not None
            else f"measure: {self.measure_name}"
        )
        parts += [f"only rows where {self.header[i]} = {v}" for i, v in self.where]
        if self.sum:
            parts.append("rows that share force and period are added up")
        return "; ".join(parts)


_WHERE = re.compile(r"\s*(?P<column>[^=]+?)\s*=\s*(?P<value>.*?)\s*")


def _period_header(value):
    if value is None or isinstance(value, bool):
        return None
    try:
        return normalise_period(value)
    except ValueError:
        return None


def _find(header_keys, wanted: str, candidates=()) -> int | None:
    """The index of the column named `wanted` (or, when it is empty, of the first of the
    usual names in `candidates`)."""
    names = [header_key(wanted)] if wanted else list(candidates)
    for name in names:
        if name in header_keys:
            return header_keys.index(name)
    return None


def detect(rows, options: ImportOptions) -> Layout:
    """The layout of a table from its first rows [(row number, cells)]; LayoutProblem when
    no row there can be the header the options call for."""
    shape = options.shape or ""
    if shape and shape not in SHAPES:
        raise LayoutProblem(f"Unknown shape “{shape}”: choose long, wide or mapped.")
    mapped_options = any(
        [options.force_column, options.period_column, options.value_column, options.quarter_column]
    )
    if not shape and mapped_options:
        shape = "mapped"
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        keys = [header_key(c) for c in cells]
        for candidate in [shape] if shape else SHAPES:
            layout = _try(candidate, number, cells, keys, options)
            if layout:
                return layout
    if not options.measure:
        _measure_missing(rows, options)
    raise LayoutProblem(_no_header(shape, rows, options))


def _measure_missing(rows, options):
    """Raise LayoutProblem when the only thing missing is the measure: a header would be
    found if one were named (a wide table, or a mapped one without a measure column)."""
    try:
        layout = detect(rows, replace(options, measure="?"))
    except LayoutProblem:
        return
    raise LayoutProblem(
        f"The header is row {layout.header_row} ({SHAPE_NAMES[layout.shape]}), but the file "
        "does not say which measure its figures are: choose the measure (--measure on the "
        "command line).",
        row=layout.header_row,
    )


def _try(shape, number, cells, keys, options) -> Layout | None:
    header = ["" if c is None else str(c) for c in cells]
    if shape == "long":
        if all(c in keys for c in LONG_COLUMNS):
            force, measure, period, value = (keys.index(c) for c in LONG_COLUMNS)
            return Layout(
                "long",
                number,
                header,
                force,
                measure,
                period,
                value=value,
                sum=options.sum,
                where=_where(options, keys, number),
            )
        return None
    force = _find(keys, options.force_column, FORCE_HEADERS)
    if force is None and shape == "wide" and not options.force_column and keys and not keys[0]:
        force = 0  # forces down the first column, its header left blank
    if force is None:
        return None
    if shape == "wide":
        periods = [(i, p) for i, c in enumerate(cells) if i != force and (p := _period_header(c))]
        if not periods or not options.measure:
            return None
        return Layout(
            "wide",
            number,
            header,
            force,
            period_columns=periods,
            measure_name=options.measure,
            where=_where(options, keys, number),
        )
    period = _find(keys, options.period_column, PERIOD_HEADERS)
    value = _find(keys, options.value_column, VALUE_HEADERS)
    measure = _find(keys, options.measure_column, MEASURE_HEADERS)
    quarter = _find(keys, options.quarter_column, () if options.quarter_column else QUARTER_HEADERS)
    if options.quarter_column and quarter is None:
        return None
    if quarter == period:  # "Quarter" named as the period column: quarters in one column
        quarter = None
    if options.measure_column and measure is None:
        return None
    if period is None or value is None or (measure is None and not options.measure):
        return None
    return Layout(
        "mapped",
        number,
        header,
        force,
        measure if not options.measure else None,
        period,
        quarter,
        value,
        measure_name=options.measure,
        where=_where(options, keys, number),
        sum=options.sum,
    )


def _where(options, keys, row) -> list[tuple[int, str]]:
    conditions = []
    for text in options.where:
        match = _WHERE.fullmatch(text)
        if not match or not match["column"]:
            raise LayoutProblem(
                f"“{text}” is not a filter: write Column=value, like Offence Code=88A."
            )
        index = _find(keys, match["column"])
        if index is None:
            raise LayoutProblem(
                f"The filter names a column “{match['column']}” that the header "
                f"on row {row} does not have.",
                row=row,
            )
        conditions.append((index, match["value"].lower()))
    return conditions


def _no_header(shape, rows, options) -> str:
    first = next(((n, c) for n, c in rows if any(v is not None for v in c)), None)
    seen = (
        f" The first row with anything in it (row {first[0]}) reads: "
        + ", ".join("" if v is None else str(v) for v in first[1][:12])
        + "."
        if first
        else " The file has no rows."
    )
    if shape == "long":
        need = "a header row with the columns force, measure, period and value"
    elif shape == "wide":
        need = "a header row with a force column and one column per period (like 2019/20)" + (
            "" if options.measure else ", and the measure (--measure)"
        )
    elif shape == "mapped":
        need = "a header row with the force, period and value columns named" + (
            "" if options.measure or options.measure_column else ", and a measure (--measure)"
        )
    else:
        need = (
            "a header row: force,measure,period,value; or a force column then one column per "
            "period with the measure named; or the force, period and value columns named"
        )
    return f"No header found in the first {HEADER_SEARCH_ROWS} rows: the file needs {need}.{seen}"
