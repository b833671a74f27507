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
from array import array
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
from .signals import figures_changed, figures_imported

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
    if type(cell) is str and cell.isdigit() and cell.isascii():  # the usual case, quickly
        return int(cell), ""
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
        return (self.force.id, self.measure.id, self.period)


class _Measures:
    """Measures by slug or name, case-insensitive, with suggestions once per distinct name."""

    def __init__(self):
        self.by_name = {}
        for measure in Measure.objects.all():
            self.by_name[measure.name.strip().lower()] = measure
            self.by_name[measure.slug.lower()] = measure
        self._suggestions = {}
        self._found = {}

    def get(self, text):
        found = self._found.get(text)
        if found is None:
            found = self.by_name.get(" ".join(str(text).split()).lower())
            if found is not None and len(self._found) < CACHE_LIMIT:
                self._found[text] = found
        return found

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


class _Seen:
    """Which figures the file has given so far, and on which row: the one index that grows
    with the file, so it is kept compact. Rows are grouped by measure and period; a group
    holds one packed int while it has one force, then an array of row numbers by force
    (4 bytes a force), which is what a table of every force by period fills."""

    def __init__(self, forces):
        self.slots = {force.id: slot for slot, force in enumerate(forces)}
        self.empty = bytes(4 * len(forces))
        self.groups: dict[int, int | array] = {}

    def first_row(self, measure_id, period_key, force_id, row) -> int:
        """The row this figure first appeared on: `row` itself when it is new."""
        key = (measure_id << 24) | period_key
        slot = self.slots[force_id]
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = (slot << 32) | row
            return row
        if type(group) is int:
            if group >> 32 == slot:
                return group & 0xFFFFFFFF
            single, group = group, array("I", self.empty)
            group[single >> 32] = single & 0xFFFFFFFF
            self.groups[key] = group
        earlier = group[slot]
        if earlier:
            return earlier
        group[slot] = row
        return row


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
        self._keys: dict[str, int] = {}
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
                figures_imported.send(
                    sender=Source, source=source, created=report.created, updated=report.updated
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
        `report.rows` counts the rows read. The loop every row goes through: kept lean."""
        problems, warnings = report.problems, report.warnings
        names = layout.column_names()
        need = len(names)
        where, wide = layout.where, layout.shape == "wide"
        force_at, measure_at, value_at = layout.force, layout.measure, layout.value
        period_at, quarter_at = layout.period, layout.quarter
        for number, cells in rows:
            if cells.count(None) == len(cells):
                continue
            if self.progress and report.rows and report.rows % BATCH_SIZE == 0:
                self.progress(report.rows, len(problems))
            report.rows += 1
            if len(cells) < need:
                cells = cells + [None] * (need - len(cells))
            if where and not all(_matches(cells[i], wanted) for i, wanted in where):
                continue
            force_text = cells[force_at]
            if wide:
                values = [(i, period, cells[i]) for i, period in layout.period_columns]
                if all(v is None for _, _, v in values):
                    continue  # a blank row, a note or a heading under the table
            else:
                if force_text is None and cells[value_at] is None:
                    continue
                values = ((value_at, None, cells[value_at]),)
            force = self._force(force_text, number, names[force_at], report)
            if force is False:
                continue
            row_measure = measure
            if measure_at is not None:
                row_measure = self._measure(cells[measure_at], number, names[measure_at], report)
            for index, period, cell in values:
                quarter = None
                if period is None:
                    try:
                        period, quarter = self._period(
                            cells[period_at],
                            quarter_at is not None,
                            cells[quarter_at] if quarter_at is not None else None,
                        )
                    except ValueError as error:
                        problems.add("bad period", number, names[period_at], f"{_sentence(error)}.")
                try:
                    value, note = parse_value(cell)
                except NoFigure as empty:
                    warnings.add(
                        "no figure",
                        number,
                        names[index],
                        f"No figure ({empty}): skipped, not read as zero.",
                    )
                    continue
                except ValueError as error:
                    problems.add("bad value", number, names[index], f"{_sentence(error)}.")
                    continue
                if note:
                    warnings.add(
                        "note markers",
                        number,
                        names[index],
                        f"“{cell}” has a note marker: imported as {value:,}; "
                        "check the table’s notes.",
                    )
                if force is not None and row_measure is not None and period is not None:
                    yield number, force, row_measure, period, quarter, value, names[index]

    def _force(self, text, number, column, report):
        """The row's force; None after reporting a problem; False for a total to skip."""
        if text is None:
            report.problems.add("no police force", number, column, "The police force is empty.")
            return None
        resolved = self.forces.resolve(text)
        if resolved.force is None:
            if normalise_force_name(text) in TOTALS:
                report.warnings.add(
                    "totals skipped",
                    number,
                    column,
                    f"“{text}” is a total, not a force: the row is skipped.",
                )
                return False
            report.problems.add(
                resolved.problem, number, column, lambda: self.forces.describe_problem(text)
            )
        return resolved.force

    def _measure(self, text, number, column, report):
        """The row's measure, or None after reporting a problem."""
        found = self.measures.get(text) if text is not None else None
        if found is None:
            report.problems.add(
                "unknown measure",
                number,
                column,
                lambda: self.measures.describe_problem(text or ""),
            )
        return found

    def _period_key(self, period) -> int:
        key = self._keys.get(period)
        if key is None:
            key = self._keys[period] = period_sort_key(period)  # few distinct periods
        return key

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
        seen = _Seen(self.forces.forces)
        sums: dict[tuple, _Sum] = {}
        batch: list[_Row] = []
        for number, force, measure, period, quarter, value, column in records:
            if quarter is not None or summing:
                self._gather(sums, number, force, measure, period, quarter, value, column, report)
                continue
            earlier = seen.first_row(measure.id, self._period_key(period), force.id, number)
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
        key = (force.id, measure.id, period)
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
            force_id__in={r.force.id for r in batch},
            measure_id__in={r.measure.id for r in batch},
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
                    r.force.id,
                    r.measure.id,
                    r.period,
                    self._period_key(r.period),
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
        if history:
            figures_changed.send(
                sender=Figure, figure_ids=[int(entry.object_id) for entry in history]
            )


def _matches(cell, wanted: str) -> bool:
    if cell is None:
        return wanted == ""
    return str(cell).strip().lower() == wanted


def _sentence(error) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]


def _insert(rows):
    """New figures, in as few statements as the database allows. Not `bulk_create`: building
    500,000 model instances costs more than the database's work (see benchmarks/). On
    PostgreSQL, COPY (the fastest way in, with no SQL to build or quote); elsewhere
    multi-row INSERTs."""
    if not rows:
        return
    fields = [Figure._meta.get_field(name) for name in INSERT_FIELDS]
    table = connection.ops.quote_name(Figure._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
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
