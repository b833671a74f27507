"""Tables of figures from the files publishers really send: CSV (any delimiter the sniffer
can tell; UTF-8 with or without a byte-order mark, UTF-16 as Excel's "Unicode text", or
Windows-1252 with a warning), Excel `.xlsx` (openpyxl, read-only: streamed row by row) and
OpenDocument `.ods` (python-calamine).

A spreadsheet that would unpack too far (a zip bomb) is refused before it is parsed
(`archives.py`). `open_table` tells the format from the file's first bytes, not its name,
and answers a `Table` whose `rows()` yields (row number, cells) as the spreadsheet numbers
them, so a problem is reported where the editor will look for it. Cells are text, whole numbers,
other numbers or dates, or None when empty.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from .archives import ArchiveTooLarge, check_archive

SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class FileProblem(Exception):
    """The file cannot be read at all: the message says why, and at which row if known."""

    def __init__(self, message, row=1):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass
class Table:
    kind: str  # "csv", "xlsx" or "ods"
    sheet_names: list[str]
    sheet: str | None
    warnings: list[str] = field(default_factory=list)
    _rows: Iterator = None

    @property
    def label(self) -> str:
        return {"csv": "CSV", "xlsx": "Excel (.xlsx)", "ods": "OpenDocument (.ods)"}[self.kind]

    def rows(self) -> Iterator[tuple[int, list]]:
        return self._rows


def open_table(stream, *, sheet=None) -> Table:
    """The table in the binary `stream` (seekable), on `sheet` (a name or a 1-based number;
    the first sheet by default); FileProblem if it is not a table we can read."""
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _open_zip(stream, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            "This is an old Excel (.xls) file: save it as Excel Workbook (.xlsx) or CSV."
        )
    if sheet not in (None, "", "1", 1):
        raise FileProblem("A CSV file has no sheets: leave the sheet empty.")
    return _open_csv(stream)


def _open_zip(stream, sheet):
    try:
        check_archive(stream)
    except ArchiveTooLarge as problem:
        raise FileProblem(problem.message) from problem
    except zipfile.BadZipFile as error:
        raise FileProblem(f"The file is a damaged ZIP archive ({error}).") from error
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except zipfile.BadZipFile as error:
        raise FileProblem(f"The file is a damaged ZIP archive ({error}).") from error
    stream.seek(0)
    if "xl/workbook.xml" in names:
        return _open_xlsx(stream, sheet)
    if mimetype == ODS_MIMETYPE:
        return _open_ods(stream, sheet)
    raise FileProblem(
        "The file is a ZIP archive but not a spreadsheet: upload a CSV, .xlsx or .ods file."
    )


def _choose(names, sheet) -> int:
    if sheet in (None, ""):
        return 0
    text = str(sheet).strip()
    for index, name in enumerate(names):
        if name.strip().lower() == text.lower():
            return index
    if text.isdigit() and 1 <= int(text) <= len(names):
        return int(text) - 1
    listed = ", ".join(f"“{name}”" for name in names)
    raise FileProblem(f"There is no sheet “{text}”: the sheets are {listed}.")


def _cell(value):
    """Text stripped (None when blank); whole floats as ints, as spreadsheets store them."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _open_xlsx(stream, sheet):
    import openpyxl  # here, not above: 9 MB that a CSV import never needs

    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(f"The Excel file cannot be read ({error}).") from error
    names = workbook.sheetnames
    index = _choose(names, sheet)
    worksheet = workbook.worksheets[index]
    # Some programs write wrong dimensions (A1:A1): read to the real end instead.
    worksheet.reset_dimensions()

    def rows():
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, [_cell(v) for v in values]
        finally:
            workbook.close()

    return Table("xlsx", names, names[index], _rows=rows())


def _open_ods(stream, sheet):
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(stream)
        names = workbook.sheet_names
        index = _choose(names, sheet)
        worksheet = workbook.get_sheet_by_index(index)
    except CalamineError as error:
        raise FileProblem(f"The OpenDocument file cannot be read ({error}).") from error
    first = worksheet.start[0] if worksheet.start else 0

    def rows():
        for offset, values in enumerate(worksheet.iter_rows()):
            yield first + offset + 1, [_cell(v) for v in values]

    return Table("ods", names, names[index], _rows=rows())


def _encoding(stream) -> tuple[str, list[str]]:
    """The text encoding of a CSV file, with a warning when it is not Unicode."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    if b"\x00" in stream.read(SNIFF_BYTES):
        raise FileProblem("This is not a CSV, Excel (.xlsx) or OpenDocument (.ods) file.")
    stream.seek(0)
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        line = 1
        try:
            while chunk := stream.read(1024 * 1024):
                text = decoder.decode(chunk)
                line += text.count("\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            stream.seek(0)
        if encoding == "utf-8":
            return encoding, []
        return encoding, [
            "The file is not UTF-8: it was read as Windows-1252 (older Excel’s “CSV”). "
            "Check that names with accents read correctly, or save it as “CSV UTF-8”."
        ]
    raise FileProblem(
        "The file is not text in a known encoding: save it from your spreadsheet as "
        "“CSV UTF-8 (comma delimited)”.",
        row=line,
    )


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:-1] if line.strip()] or [sample]
    try:
        return csv.Sniffer().sniff("\n".join(lines[-20:]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        # Title rows above the table can confuse the sniffer: the most common one wins.
        counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _open_csv(stream):
    encoding, warnings = _encoding(stream)
    sample = stream.read(SNIFF_BYTES).decode(encoding, errors="ignore")
    stream.seek(0)
    delimiter = _delimiter(sample)

    def rows():
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            start = 1
            for values in reader:
                yield start, [v.strip() or None for v in values]  # CSV cells are all text
                start = reader.line_num + 1
        except csv.Error as error:
            raise FileProblem(
                f"The file is not valid CSV: {error}.", row=reader.line_num
            ) from error
        finally:
            text.detach()  # leave the caller's stream open

    return Table("csv", [], None, warnings, _rows=rows())
