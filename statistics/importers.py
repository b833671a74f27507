"""Import figures from a table (CSV, .xlsx or .ods; long, wide or mapped): all or none.

The file is read once, as a stream, never held whole in memory. Each row is checked (force,
measure, period, value) and every problem is kept with its row and column (capped, see
`reports`); good rows are compared with the database in batches (created, updated,
unchanged) and, unless it is a dry run, written batch by batch inside one transaction
that is rolled back if any problem turns up, however late in the file. Rows that are
summed (quarters into years, or `--sum`) are gathered first and compared at the end.
Changed values are written to the figures' history (Wagtail's audit log).
"""

import datetime
import difflib
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .forces import ForceNames, normalise_force_name
from .layouts import HEADER_SEARCH_ROWS, ImportOptions, Layout, LayoutProblem, detect
from .models import Figure, Measure, Source
from .periods import normalise_period, parse_quarter, period_sort_key
from .readers import FileProblem, open_table
from .reports import ImportReport

BATCH_SIZE = 2000
MAX_VALUE = 2**63 - 1
CACHE_LIMIT = 10_000
VALUE_CHANGED = "statistics.figure.value_changed"
IMPORTED = "statistics.figures.imported"
INSERT_FIELDS = (
    "force",
    "measure",
    "period",
    "period_key",
    "value",
    "source",
    "notes",
    "updated_at",
)
# Written where a table has no figure: skipped with a warning, never read as zero.
NO_FIGURE = {"..", "...", "-", "–", "—", "n/a", "na", "n.a.", ":", "x", "[x]", "[c]", "[z]", "[u]"}
# Rows that add up forces rather than being one: skipped with a warning.
TOTALS = {"total", "totals", "england and wales", "england", "wales", "all forces"}
_WHOLE = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_MARKED = re.compile(
    r"(?P<number>\d+|\d{1,3}(?:,\d{3})+)\s*(?P<note>\[[a-z0-9]{1,3}\]|\*+|†+)", re.I
)
_DECIMAL = re.compile(r"-?(?:\d+[.,]\d*|\.\d+)")
ALL_QUARTERS = 0b1111


@dataclass(frozen=True)
class SourceDetails:
    publisher: str
    title: str
    date_published: datetime.date
    url: str = ""


class NoFigure(Exception):
    """The cell says there is no figure ("..", "n/a", empty): a warning, not a problem."""


def parse_value(cell) -> tuple[int, str]:
    """(a whole, non-negative count, a note marker or ""), NoFigure for an empty cell or
    one that says there is no figure, ValueError with a reason for anything else."""
    if cell is None:
        raise NoFigure("the cell is empty")
    if isinstance(cell, bool):
        raise ValueError(f"the value {cell} is not a number")
    if isinstance(cell, int):
        if cell < 0:
            raise ValueError(f"the value {cell} is negative: figures are counts")
        if cell > MAX_VALUE:
            raise ValueError(f"the value {cell} is too large")
        return cell, ""
    if isinstance(cell, float):
        raise ValueError(f"the value {cell:g} is a decimal: figures are whole counts")
    if isinstance(cell, datetime.date | datetime.time | datetime.timedelta):
        raise ValueError(f"the value {cell} is a date or time, not a count")
    text = " ".join(str(cell).replace("\u00a0", " ").split())
    if not text or text.lower() in NO_FIGURE:
        raise NoFigure(f"“{text}” means no figure" if text else "the cell is empty")
    note = ""
    if match := _MARKED.fullmatch(text):
        text, note = match["number"], match["note"]
    if _WHOLE.fullmatch(text):
        value = int(text.replace(",", ""))
        if value > MAX_VALUE:
            raise ValueError(f"the value {text} is too large")
        return value, note
    if text.startswith("-") and _WHOLE.fullmatch(text[1:]):
        raise ValueError(f"the value {text} is negative: figures are counts")
    if _DECIMAL.fullmatch(text):
        raise ValueError(f"the value {text} is a decimal: figures are whole counts")
    raise ValueError(f"the value “{text}” is not a whole number")


@dataclass(frozen=True)
class _Stored:
    pk: int
    value: int
    source_id: int


@dataclass(frozen=True)
class _Row:
    row: int
    force: object
    measure: Measure
    period: str
    value: int

    @property
    def key(self):
        return (self.force.pk, self.measure.pk, self.period)


class _Measures:
    """Measures by slug or name, case-insensitive, with suggestions once per distinct name."""

    def __init__(self):
        self.by_name = {}
        for measure in Measure.objects.all():
            self.by_name[measure.name.strip().lower()] = measure
            self.by_name[measure.slug.lower()] = measure
        self._suggestions = {}

    def get(self, text):
        return self.by_name.get(" ".join(str(text).split()).lower())

    def describe_problem(self, text) -> str:
        key = " ".join(str(text).split()).lower()
        if key not in self._suggestions:
            close = difflib.get_close_matches(key, self.by_name, n=5, cutoff=0.6)
            names = list(dict.fromkeys(str(self.by_name[name]) for name in close))[:3]
            self._suggestions[key] = (
                f" Did you mean {' or '.join(f'“{name}”' for name in names)}?" if names else ""
            )
        return (
            f"Unknown measure “{str(text).strip()}”.{self._suggestions[key]} "
            "(Create the measure first under Statistics › Measures.)"
        )


class _Sum:
    """Rows being added into one figure: the total, which quarters, the rows they came from."""

    __slots__ = ("force", "measure", "period", "value", "quarters", "rows")

    def __init__(self, force, measure, period):
        self.force, self.measure, self.period = force, measure, period
        self.value, self.quarters, self.rows = 0, 0, []


class FigureImporter:
    """Checks and imports one file of figures, all from one source."""

    def __init__(
        self,
        *,
        source: SourceDetails,
        options: ImportOptions | None = None,
        user=None,
        progress: Callable[[int, int], None] | None = None,
        on_change: Callable[[_Row, int | None], None] | None = None,
    ):
        self.source = source
        self.options = options or ImportOptions()
        self.user = user
        self.progress = progress
        self.on_change = on_change
        self.forces = ForceNames()
        self.measures = _Measures()
        self._periods: dict = {}
        self._action_id = uuid.uuid4()  # groups one import's entries in the history

    # The run -----------------------------------------------------------------------------

    def run(self, stream, *, dry_run: bool) -> ImportReport:
        """Check the whole binary `stream`, writing it unless there is a problem or a dry run."""
        report = ImportReport(dry_run=dry_run)
        if dry_run:
            self._import(stream, report, source=self._existing_source(), write=False)
            return report
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(
                publisher=self.source.publisher,
                title=self.source.title,
                date_published=self.source.date_published,
                defaults={"url": self.source.url},
            )
            self._import(stream, report, source=source, write=True)
            if not report.ok:
                transaction.set_rollback(True)
            elif report.created or report.updated:
                # One entry per import in the source's history (and on the admin dashboard).
                log(
                    instance=source,
                    action=IMPORTED,
                    data={"created": report.created, "updated": report.updated},
                    user=self.user,
                )
        return report

    def _existing_source(self):
        return Source.objects.filter(
            publisher=self.source.publisher,
            title=self.source.title,
            date_published=self.source.date_published,
        ).first()

    def _import(self, stream, report, *, source, write):
        try:
            table = open_table(stream, sheet=self.options.sheet)
            report.file_type, report.sheet = table.label, table.sheet or ""
            for warning in table.warnings:
                report.warnings.add("text encoding", 1, "", warning)
            rows = table.rows()
            head = list(islice(rows, HEADER_SEARCH_ROWS))
            layout = detect(head, self.options)
            report.layout = layout.describe()
            measure = self._layout_measure(layout, report)
            if measure is False:
                return
            body = chain((r for r in head if r[0] > layout.header_row), rows)
            records = self._records(body, layout, measure, report)
            self._process(records, report, source, write, layout.header_row)
        except (FileProblem, LayoutProblem) as problem:
            report.problems.add("file", problem.row, "", problem.message)

    def _layout_measure(self, layout: Layout, report):
        """The measure named for the whole file, None when a column names it, False if unknown."""
        if layout.measure is not None:
            return None
        measure = self.measures.get(layout.measure_name)
        if measure is None:
            report.problems.add(
                "unknown measure",
                layout.header_row,
                "",
                self.measures.describe_problem(layout.measure_name),
            )
            return False
        return measure

    # Reading rows ------------------------------------------------------------------------

    def _records(self, rows, layout: Layout, measure, report) -> Iterator[tuple]:
        """(row, force, measure, period, quarter or None, value, value column) per figure;
        `report.rows` counts the rows read."""
        problems, warnings = report.problems, report.warnings
        where = layout.where
        for number, cells in rows:
            width = len(cells)
            if not any(c is not None for c in cells):
                continue
            if self.progress and report.rows and report.rows % BATCH_SIZE == 0:
                self.progress(report.rows, len(report.problems))
            report.rows += 1
            if where and not all(i < width and _matches(cells[i], wanted) for i, wanted in where):
                continue
            force_text = cells[layout.force] if layout.force < width else None
            if layout.shape == "wide":
                values = [
                    (i, period, cells[i] if i < width else None)
                    for i, period in layout.period_columns
                ]
                if all(v is None for _, _, v in values):
                    continue  # a blank row, a note or a heading under the table
            else:
                value_cell = cells[layout.value] if layout.value < width else None
                if force_text is None and value_cell is None:
                    continue
                values = [(layout.value, None, value_cell)]
            force_column = layout.name(layout.force)
            if force_text is None:
                problems.add("no police force", number, force_column, "The police force is empty.")
                continue
            resolved = self.forces.resolve(force_text)
            force = resolved.force
            if force is None:
                if normalise_force_name(force_text) in TOTALS:
                    warnings.add(
                        "totals skipped",
                        number,
                        force_column,
                        f"“{force_text}” is a total, not a force: the row is skipped.",
                    )
                    continue
                text = force_text
                problems.add(
                    resolved.problem,
                    number,
                    force_column,
                    lambda text=text: self.forces.describe_problem(text),
                )
            row_measure = measure
            if layout.measure is not None:
                measure_text = cells[layout.measure] if layout.measure < width else None
                row_measure = self.measures.get(measure_text) if measure_text else None
                if row_measure is None:
                    text = measure_text or ""
                    problems.add(
                        "unknown measure",
                        number,
                        layout.name(layout.measure),
                        lambda text=text: self.measures.describe_problem(text),
                    )
            for index, header_period, cell in values:
                period, quarter = header_period, None
                if period is None:
                    quarter_cell = (
                        cells[layout.quarter]
                        if layout.quarter is not None and layout.quarter < width
                        else None
                    )
                    try:
                        period, quarter = self._period(
                            cells[layout.period] if layout.period < width else None,
                            layout.quarter is not None,
                            quarter_cell,
                        )
                    except ValueError as error:
                        problems.add(
                            "bad period", number, layout.name(layout.period), f"{_sentence(error)}."
                        )
                        period = False
                try:
                    value, note = parse_value(cell)
                except NoFigure as empty:
                    warnings.add(
                        "no figure",
                        number,
                        layout.name(index),
                        f"No figure ({empty}): skipped, not read as zero.",
                    )
                    continue
                except ValueError as error:
                    problems.add("bad value", number, layout.name(index), f"{_sentence(error)}.")
                    continue
                if note:
                    warnings.add(
                        "note markers",
                        number,
                        layout.name(index),
                        f"“{cell}” has a note marker: imported as {value:,}; "
                        "check the table’s notes.",
                    )
                if force is None or row_measure is None or period is False:
                    continue
                yield number, force, row_measure, period, quarter, value, layout.name(index)

    def _period(self, text, has_quarter_column, quarter_cell):
        """(canonical period, quarter or None); ValueError with a reason."""
        if text is None:
            raise ValueError("the period is empty")
        if has_quarter_column:
            if quarter_cell is None:
                raise ValueError("the quarter is empty")
            return parse_quarter(text, quarter_cell)
        found = self._periods.get(text)
        if found is None:
            try:
                found = (normalise_period(text), None)
            except ValueError as error:
                try:
                    found = parse_quarter(text)
                except ValueError:
                    found = error
            if len(self._periods) < CACHE_LIMIT:
                self._periods[text] = found
        if isinstance(found, ValueError):
            raise found
        return found

    # Checking and writing ---------------------------------------------------------------

    def _process(self, records, report, source, write, header_row):
        summing = self.options.sum
        first_row: dict[int, int] = {}
        sums: dict[tuple, _Sum] = {}
        batch: list[_Row] = []
        for number, force, measure, period, quarter, value, column in records:
            if quarter is not None or summing:
                self._gather(sums, number, force, measure, period, quarter, value, column, report)
                continue
            # One small int per figure, not a tuple: this index is what grows with the file.
            packed = (measure.pk << 42) | (force.pk << 24) | period_sort_key(period)
            earlier = first_row.setdefault(packed, number)
            if earlier != number:
                report.problems.add(
                    "repeated figure",
                    number,
                    column,
                    f"{force.short_name}, {measure.name}, {period} is already on row {earlier}: "
                    "each figure may appear once (or add them up with the sum option).",
                )
                continue
            batch.append(_Row(number, force, measure, period, value))
            if len(batch) >= BATCH_SIZE:
                self._batch(batch, report, source, write)
                batch = []
        if batch:
            self._batch(batch, report, source, write)
        batch = []
        for total in sums.values():
            if total.quarters not in (0, ALL_QUARTERS):
                have = ", ".join(f"Q{q + 1}" for q in range(4) if total.quarters & (1 << q))
                rows = ", ".join(str(r) for r in total.rows[:8])
                report.warnings.add(
                    "incomplete years",
                    total.rows[0],
                    "",
                    f"{total.force.short_name}, {total.period}: only {have} (rows {rows}): "
                    "a year is imported only when all four quarters are there.",
                )
                continue
            batch.append(_Row(total.rows[0], total.force, total.measure, total.period, total.value))
            if len(batch) >= BATCH_SIZE:
                self._batch(batch, report, source, write)
                batch = []
        if batch:
            self._batch(batch, report, source, write)
        if not report.rows and report.ok:
            report.problems.add("file", header_row + 1, "", "The file has a header but no figures.")
        if self.progress:
            self.progress(report.rows, len(report.problems))

    def _gather(self, sums, number, force, measure, period, quarter, value, column, report):
        key = (force.pk, measure.pk, period)
        total = sums.get(key)
        if total is None:
            total = sums[key] = _Sum(force, measure, period)
        bit = 1 << (quarter - 1) if quarter else 0
        if not self.options.sum and total.quarters & bit:
            report.problems.add(
                "repeated figure",
                number,
                column,
                f"{force.short_name}, {measure.name}, {period} Q{quarter} is already in the file: "
                "filter the rows (Column=value) or add them up with the sum option.",
            )
            return
        total.value += value
        total.quarters |= bit
        if len(total.rows) < 8:
            total.rows.append(number)

    @staticmethod
    def _existing(batch):
        """(force, measure, period) to (pk, value, source) for the batch's stored figures."""
        rows = Figure.objects.filter(
            force_id__in={r.force.pk for r in batch},
            measure_id__in={r.measure.pk for r in batch},
            period__in={r.period for r in batch},
        ).values_list("force_id", "measure_id", "period", "pk", "value", "source_id")
        return {(f, m, p): _Stored(pk, value, source) for f, m, p, pk, value, source in rows}

    def _batch(self, batch, report, source, write):
        if not report.ok:
            return  # nothing will be written: only the checking goes on
        existing = self._existing(batch)
        source_id = source.pk if source else None
        new, changed = [], []
        for row in batch:
            figure = existing.get(row.key)
            if figure is None:
                report.created += 1
                new.append(row)
                if self.on_change:
                    self.on_change(row, None)
            elif figure.value != row.value or figure.source_id != source_id:
                report.updated += 1
                changed.append((row, figure))
                if self.on_change:
                    self.on_change(row, figure.value)
                if len(report.changes) < report.MAX_CHANGES_LISTED:
                    report.changes.append(
                        f"Row {row.row}: {row.force.short_name}, {row.period}: "
                        + (
                            f"{figure.value:,} → {row.value:,}"
                            if figure.value != row.value
                            else f"{row.value:,}, new source"
                        )
                    )
            else:
                report.unchanged += 1
        if write:
            self._write(new, changed, source)

    def _write(self, new, changed, source):
        now = timezone.now()
        stamp = connection.ops.adapt_datetimefield_value(now)
        _insert(
            [
                (
                    r.force.pk,
                    r.measure.pk,
                    r.period,
                    period_sort_key(r.period),
                    r.value,
                    source.pk,
                    "",
                    stamp,
                )
                for r in new
            ]
        )
        content_type = ContentType.objects.get_for_model(Figure)
        history = [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(figure.pk),
                label=f"{row.force.short_name}, {row.period}: {row.measure.name}",
                action=VALUE_CHANGED,
                data=value_change_data(figure.value, row.value, via="import"),
                timestamp=now,
                uuid=self._action_id,
                user=self.user,
                content_changed=True,
            )
            for row, figure in changed
            if figure.value != row.value
        ]
        Figure.objects.bulk_update(
            [Figure(pk=f.pk, value=r.value, source=source, updated_at=now) for r, f in changed],
            ["value", "source", "updated_at"],
            batch_size=500,
        )
        ModelLogEntry.objects.bulk_create(history)


def _matches(cell, wanted: str) -> bool:
    if cell is None:
        return wanted == ""
    return str(cell).strip().lower() == wanted


def _sentence(error) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]


def _insert(rows):
    """New figures, in as few INSERT statements as the database allows. Plain SQL because
    building 50,000 model instances for `bulk_create` costs more than the database's work
    (see benchmarks/): one statement of arrays on PostgreSQL (like Django's own bulk_create),
    multi-row VALUES elsewhere."""
    if not rows:
        return
    fields = [Figure._meta.get_field(name) for name in INSERT_FIELDS]
    table = connection.ops.quote_name(Figure._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        size = max(1, connection.ops.bulk_batch_size(fields, rows))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}",
                [value for row in chunk for value in row],
            )


def value_change_data(old: int, new: int, *, via: str) -> dict:
    return {"old_value": old, "new_value": new, "via": via}
