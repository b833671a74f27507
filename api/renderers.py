"""CSV for any list in the API: one row per item, nested objects flattened into columns.

Every cell goes through `csv_cell`, the one place a value becomes CSV text.
"""

import csv
import io

from rest_framework.renderers import BaseRenderer

from statistics.csv_cells import safe_cell


def csv_cell(value) -> str:
    """A value as a CSV cell: empty for null, `true`/`false` for booleans, text a spreadsheet
    would run as a formula made safe (`statistics.csv_cells`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(safe_cell(value))


def flatten(item: dict, prefix: str = "") -> dict:
    """{"source": {"title": …}} → {"source_title": …}."""
    flat = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}_")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # A page of results, an item or an error.
        items = data.get("results", [data]) if isinstance(data, dict) else data or []
        rows = [flatten(item) for item in items]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(column)) for column in columns])
        return out.getvalue().encode(self.charset)
