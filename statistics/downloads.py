"""A measure's figures as CSV and JSON downloads, streamed: written as the figures are read
from the database, a few thousand at a time, so a measure of 200,000 figures costs the
server the memory of one batch, not of the whole file (the JSON shape is a contract:
DESIGN.md). Every text cell of the CSV is made safe for spreadsheets (`csv_cells`).
"""

import csv
import json

from .change import Change
from .csv_cells import safe_cell
from .models import Source
from .periods import previous_period

BATCH = 2000
CHUNK_BYTES = 64 * 1024
DOWNLOAD_COLUMNS = [
    "force",
    "force_slug",
    "period",
    "value",
    "previous_period",
    "previous_value",
    "change_percent",
    "direction",
]
# The CSV only: each row also names what is counted and where the figure comes from.
CSV_COLUMNS = DOWNLOAD_COLUMNS + [
    "measure",
    "unit",
    "source_publisher",
    "source_title",
    "source_date",
    "source_url",
]


SOURCE_FIELDS = ["source__publisher", "source__title", "source__date_published", "source__url"]


def figure_rows(measure):
    """(source fields, row) for each of the measure's figures, by force then period; each
    row has the figure of the period before for the same force. Plain values, not model
    instances (a third of the time), and only one force's values held at a time."""
    figures = (
        measure.figures.order_by("force__name", "period_key")
        .values("force_id", "force__name", "force__slug", "period", "value", *SOURCE_FIELDS)
        .iterator(BATCH)
    )
    force_id, by_period = None, {}
    for figure in figures:
        if figure["force_id"] != force_id:
            force_id, by_period = figure["force_id"], {}
        by_period[figure["period"]] = figure["value"]
        earlier_period = previous_period(figure["period"])
        earlier = by_period.get(earlier_period)
        change = Change(earlier, figure["value"]) if earlier is not None else None
        yield (
            figure,
            {
                "force": figure["force__name"],
                "force_slug": figure["force__slug"],
                "period": figure["period"],
                "value": figure["value"],
                "previous_period": earlier_period if earlier is not None else None,
                "previous_value": earlier,
                "change_percent": change.percent if change else None,
                "direction": change.direction if change else None,
            },
        )


def sources(measure):
    return (
        Source.objects.filter(figures__measure=measure)
        .distinct()
        .order_by("date_published", "publisher", "pk")
    )


def in_chunks(pieces):
    """Join small strings into chunks of about CHUNK_BYTES: fewer, larger writes."""
    buffer, size = [], 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_BYTES:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


class _Line:
    """A file for `csv.writer` that hands back each line it is given."""

    def write(self, line):
        return line


def csv_lines(measure):
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for figure, row in figure_rows(measure):
        row |= {
            "measure": measure.name,
            "unit": measure.unit,
            "source_publisher": figure["source__publisher"],
            "source_title": figure["source__title"],
            "source_date": figure["source__date_published"].isoformat(),
            "source_url": figure["source__url"],
        }
        yield writer.writerow([safe_cell("" if v is None else v) for v in row.values()])


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _indented(value, depth) -> str:
    """`value` as JSON indented by two spaces, placed `depth` levels deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth)


def _figure_json(row) -> str:
    """A figure's row as `_indented(row, 2)` writes it, several times faster: `indent`
    makes `json` use its pure-Python encoder, here only the values are encoded."""
    lines = ",\n".join(f'      "{key}": {_encode(value)}' for key, value in row.items())
    return "{\n" + lines + "\n    }"


def json_pieces(measure):
    """The same text as `json.dumps(data, indent=2)` of the whole object, written piece by
    piece: `measure`, `unit`, `sources`, then `figures`."""
    listed = [
        {
            "publisher": source.publisher,
            "title": source.title,
            "date_published": source.date_published.isoformat(),
            "url": source.url or None,
        }
        for source in sources(measure)
    ]
    yield "{\n"
    yield f'  "measure": {json.dumps(measure.name, ensure_ascii=False)},\n'
    yield f'  "unit": {json.dumps(measure.unit, ensure_ascii=False)},\n'
    yield f'  "sources": {_indented(listed, 1)},\n'
    yield '  "figures": ['
    separator = "\n    "
    for _, row in figure_rows(measure):
        yield separator + _figure_json(row)
        separator = ",\n    "
    yield "\n  ]\n}" if separator != "\n    " else "]\n}"
