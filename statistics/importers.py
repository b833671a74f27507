"""Import figures from a CSV file (`force,measure,period,value`): all rows or none.

The file is read twice as a stream, never held in memory: the first pass checks every row
and collects every problem with its line number, and classifies the good rows against the
database in batches (created, updated, unchanged); only when nothing is wrong, and it is not
a dry run, the second pass writes them, batch by batch, in one transaction. Changed values
are written to the figures' history (Wagtail's audit log).
"""

import codecs
import csv
import datetime
import difflib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .models import Figure, Measure, PoliceForce, Source
from .periods import parse_period, period_sort_key

COLUMNS = ("force", "measure", "period", "value")
HEADER = ",".join(COLUMNS)
BATCH_SIZE = 2000
MAX_VALUE = 2**63 - 1
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

_WHOLE = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"-?(?:\d+[.,]\d*|\.\d+)")


@dataclass(frozen=True)
class SourceDetails:
    publisher: str
    title: str
    date_published: datetime.date
    url: str = ""


@dataclass
class ImportReport:
    """What an import did, or would do: counts, a sample of the changes, every problem."""

    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    MAX_CHANGES_LISTED = 100

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        if self.errors:
            count = len(self.errors)
            return (
                f"Nothing was imported: {count} problem{'s' if count != 1 else ''} "
                "to fix in the file."
            )
        if not self.created and not self.updated:
            return f"Nothing to change: all {self.unchanged:,} figures are already up to date."
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.created:,} figures {verb} created, {self.updated:,} updated "
            f"and {self.unchanged:,} left unchanged."
        )


@dataclass(frozen=True)
class _Stored:
    pk: int
    value: int
    source_id: int


@dataclass(frozen=True)
class _Row:
    line: int
    force: PoliceForce
    measure: Measure
    period: str
    value: int

    @property
    def key(self):
        return (self.force.pk, self.measure.pk, self.period)


class _Lookup:
    """Names (lower-cased) to objects, with suggestions for names that are not there."""

    def __init__(self, objects, names):
        self.by_name = {}
        for obj in objects:
            for name in names(obj):
                self.by_name[name.lower()] = obj

    def get(self, text):
        return self.by_name.get(text.strip().lower())

    def suggest(self, text) -> str:
        close = difflib.get_close_matches(text.strip().lower(), self.by_name, n=5, cutoff=0.6)
        unique = list(dict.fromkeys(str(self.by_name[name]) for name in close))[:3]
        return f" Did you mean {' or '.join(f'“{name}”' for name in unique)}?" if unique else ""


class _NotText(Exception):
    def __init__(self, line):
        self.line = line


def _decoded_lines(stream) -> Iterator[str]:
    """The stream's lines as text, one at a time, so a bad byte is reported on its own line.
    UTF-8 with a byte-order mark (as Excel saves it) is UTF-8 too."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _NotText(number) from error


def parse_value(text: str) -> int:
    """A whole, non-negative count; ValueError with a reason if not."""
    text = text.strip()
    if not text:
        raise ValueError("the value is empty")
    if _WHOLE.fullmatch(text):
        value = int(text.replace(",", ""))
        if value > MAX_VALUE:
            raise ValueError(f"the value {text} is too large")
        return value
    if text.startswith("-") and _WHOLE.fullmatch(text[1:]):
        raise ValueError(f"the value {text} is negative: figures are counts")
    if _DECIMAL.fullmatch(text):
        raise ValueError(f"the value {text} is a decimal: figures are whole counts")
    raise ValueError(f"the value “{text}” is not a whole number")


class FigureImporter:
    """Checks and imports one CSV file of figures, all from one source."""

    def __init__(self, *, source: SourceDetails, user=None):
        self.source = source
        self.user = user
        self.forces = _Lookup(PoliceForce.objects.all(), lambda f: (f.name, f.short_name, f.slug))
        self.measures = _Lookup(Measure.objects.all(), lambda m: (m.name, m.slug))

    def run(self, stream, *, dry_run: bool) -> ImportReport:
        """Check the whole binary `stream`, then write it unless there is a problem or a dry run."""
        report = ImportReport(dry_run=dry_run)
        source = self._existing_source()
        for batch in self._batches(stream, report):
            if report.ok:
                self._classify(batch, source, report)
        if report.ok and not dry_run and (report.created or report.updated):
            stream.seek(0)
            self._write(stream)
            # One entry per import in the source's history (and on the admin dashboard).
            log(
                instance=self._existing_source(),
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

    def _records(self, stream, report) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) for each non-blank row after a valid header."""
        reader = csv.reader(_decoded_lines(stream))
        try:
            try:
                header = next(reader)
            except StopIteration:
                report.errors.append(
                    (1, f"The file is empty: its first line must be the header {HEADER}.")
                )
                return
            names = [name.strip().lower() for name in header]
            missing = [c for c in COLUMNS if c not in names]
            extra = [n or "(blank)" for n in names if n not in COLUMNS]
            repeated = sorted({n for n in names if n in COLUMNS and names.count(n) > 1})
            if missing or extra or repeated:
                problems = [
                    f"{kind} {', '.join(columns)}"
                    for kind, columns in [
                        ("missing column", missing),
                        ("unexpected column", extra),
                        ("repeated column", repeated),
                    ]
                    if columns
                ]
                report.errors.append((1, f"The header must be {HEADER}: {'; '.join(problems)}."))
                return
            order = [names.index(c) for c in COLUMNS]
            seen_any = False
            for fields in reader:
                if not any(f.strip() for f in fields):
                    continue
                seen_any = True
                if len(fields) != len(COLUMNS):
                    report.errors.append(
                        (
                            reader.line_num,
                            f"Expected {len(COLUMNS)} values ({HEADER}), found {len(fields)}.",
                        )
                    )
                    continue
                yield reader.line_num, [fields[i] for i in order]
            if not seen_any:
                report.errors.append((2, "The file has a header but no figures."))
        except _NotText as error:
            report.errors.append(
                (
                    error.line,
                    "The file is not UTF-8 text: save it from your spreadsheet as "
                    "“CSV UTF-8 (comma delimited)”.",
                )
            )
        except csv.Error as error:
            report.errors.append((reader.line_num, f"The file is not valid CSV: {error}."))

    def _batches(self, stream, report) -> Iterator[list[_Row]]:
        first_line = {}
        batch = []
        for line, (force_name, measure_name, period_text, value_text) in self._records(
            stream, report
        ):
            problems = []
            force = self.forces.get(force_name)
            if force is None:
                problems.append(
                    f"unknown police force “{force_name.strip()}”."
                    + self.forces.suggest(force_name)
                )
            measure = self.measures.get(measure_name)
            if measure is None:
                problems.append(
                    f"unknown measure “{measure_name.strip()}”."
                    + self.measures.suggest(measure_name)
                )
            period = period_text.strip()
            try:
                parse_period(period)
            except ValueError as error:
                problems.append(f"{error}.")
            try:
                value = parse_value(value_text)
            except ValueError as error:
                problems.append(f"{error}.")
            if problems:
                report.errors.extend((line, p[0].upper() + p[1:]) for p in problems)
                continue
            row = _Row(line, force, measure, period, value)
            # One small int per figure, not a tuple: this index is what grows with the file.
            packed = (measure.pk << 42) | (force.pk << 24) | period_sort_key(period)
            earlier = first_line.setdefault(packed, line)
            if earlier != line:
                report.errors.append(
                    (
                        line,
                        f"{force.short_name}, {measure.name}, {period} is already on line "
                        f"{earlier}: each figure may appear once.",
                    )
                )
                continue
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                yield batch
                batch = []
        if batch:
            yield batch

    @staticmethod
    def _existing(batch):
        """(force, measure, period) to (pk, value, source) for the batch's stored figures."""
        rows = Figure.objects.filter(
            force_id__in={r.force.pk for r in batch},
            measure_id__in={r.measure.pk for r in batch},
            period__in={r.period for r in batch},
        ).values_list("force_id", "measure_id", "period", "pk", "value", "source_id")
        return {(f, m, p): _Stored(pk, value, source) for f, m, p, pk, value, source in rows}

    def _classify(self, batch, source, report):
        existing = self._existing(batch)
        for row in batch:
            figure = existing.get(row.key)
            if figure is None:
                report.created += 1
            elif figure.value != row.value or source is None or figure.source_id != source.pk:
                report.updated += 1
                if len(report.changes) < report.MAX_CHANGES_LISTED:
                    report.changes.append(
                        f"Line {row.line}: {row.force.short_name}, {row.period}: "
                        + (
                            f"{figure.value:,} → {row.value:,}"
                            if figure.value != row.value
                            else f"{row.value:,}, new source"
                        )
                    )
            else:
                report.unchanged += 1

    @transaction.atomic
    def _write(self, stream):
        source, _ = Source.objects.get_or_create(
            publisher=self.source.publisher,
            title=self.source.title,
            date_published=self.source.date_published,
            defaults={"url": self.source.url},
        )
        content_type = ContentType.objects.get_for_model(Figure)
        action_id = uuid.uuid4()
        report = ImportReport(dry_run=False)
        for batch in self._batches(stream, report):
            existing = self._existing(batch)
            new, changed, history = [], [], []
            now = timezone.now()
            stamp = connection.ops.adapt_datetimefield_value(now)
            for row in batch:
                figure = existing.get(row.key)
                if figure is None:
                    new.append(
                        (
                            row.force.pk,
                            row.measure.pk,
                            row.period,
                            period_sort_key(row.period),
                            row.value,
                            source.pk,
                            "",
                            stamp,
                        )
                    )
                elif figure.value != row.value or figure.source_id != source.pk:
                    if figure.value != row.value:
                        history.append(
                            ModelLogEntry(
                                content_type=content_type,
                                object_id=str(figure.pk),
                                label=f"{row.force.short_name}, {row.period}: {row.measure.name}",
                                action=VALUE_CHANGED,
                                data=value_change_data(figure.value, row.value, via="import"),
                                timestamp=now,
                                uuid=action_id,
                                user=self.user,
                                content_changed=True,
                            )
                        )
                    changed.append(
                        Figure(pk=figure.pk, value=row.value, source=source, updated_at=now)
                    )
            _insert(new)
            Figure.objects.bulk_update(changed, ["value", "source", "updated_at"], batch_size=500)
            ModelLogEntry.objects.bulk_create(history)
        if report.errors:  # The file changed between the two passes: write nothing.
            raise ValueError("The file changed while it was being imported.")


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
