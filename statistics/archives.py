"""Spreadsheets that are ZIP archives (.xlsx, .ods), measured before anything is unpacked.

A 2.4 MB .xlsx can hold a 700 MB `sharedStrings.xml` (a zip bomb): the parser then holds
a worker for a minute and 1.5 GB. The archive's central directory says how large each
part is, packed and unpacked, without unpacking anything (Python's `zipfile` also stops a
part at its declared size), so a file that would unpack past
`STATISTICS_IMPORT_MAX_UNPACKED_BYTES` in all, or a part packed more than
`STATISTICS_IMPORT_MAX_RATIO` times over, is refused at once with the reason.
"""

import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

# Parts smaller than this are not judged by their ratio: a few kB of repeated XML packs
# hundreds of times over in ordinary files.
RATIO_FROM_BYTES = 1024 * 1024


class ArchiveTooLarge(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def unpacked_bytes(stream) -> int:
    """What the archive in `stream` (seekable, left at its start) unpacks to, in all."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return sum(part.file_size for part in archive.infolist())
    finally:
        stream.seek(0)


def check_archive(stream) -> None:
    """ArchiveTooLarge if the ZIP archive in `stream` would unpack too far; BadZipFile if it
    is not one. Reads only the central directory."""
    limit = settings.STATISTICS_IMPORT_MAX_UNPACKED_BYTES
    max_ratio = settings.STATISTICS_IMPORT_MAX_RATIO
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
    finally:
        stream.seek(0)
    total = sum(part.file_size for part in parts)
    if total > limit:
        raise ArchiveTooLarge(
            f"This spreadsheet unpacks to {filesizeformat(total)}, more than the "
            f"{filesizeformat(limit)} an import may read: split it into smaller files."
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= RATIO_FROM_BYTES and ratio > max_ratio:
            raise ArchiveTooLarge(
                f"Part of this spreadsheet ({part.filename}) unpacks {ratio:,.0f} times "
                f"larger than it is stored ({filesizeformat(part.compress_size)} to "
                f"{filesizeformat(part.file_size)}), which ordinary spreadsheets never do. "
                "Open it in your spreadsheet program, save it again and upload that copy."
            )
