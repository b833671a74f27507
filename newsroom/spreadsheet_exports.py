"""Wagtail's own admin CSV exports (site history, reports, listings) with formula cells
neutralised, like every CSV the site writes (`statistics.csv_cells`).

Every admin export goes through `SpreadsheetExportMixin.preprocess_field_value`, which has
no hook of its own: this adapter wraps it once, at start-up
(`tests/security/test_csv_injection.py` fails if Wagtail stops calling it). Wagtail's .xlsx
exports already store formulas as text.
"""

import functools

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from statistics.csv_cells import safe_cell


def neutralise_csv_exports() -> None:
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    @functools.wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        cell = original(self, field, value, export_format)
        return safe_cell(cell) if export_format == self.FORMAT_CSV else cell

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
