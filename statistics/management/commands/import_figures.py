"""`manage.py import_figures FILE --source-title T --source-publisher P --source-date D`,
with the options that say where the figures are in a spreadsheet (see docs/statistics.md)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from statistics.importers import FigureImporter, SourceDetails
from statistics.layouts import SHAPES, ImportOptions


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"“{text}” is not a date written YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Import police-force figures from a CSV, .xlsx or .ods file: a long table "
        "(force,measure,period,value), a wide one (forces down, periods across, with --measure) "
        "or any table with its columns named. All rows or none: every problem is listed with "
        "its row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV, Excel (.xlsx) or OpenDocument (.ods) file.")
        parser.add_argument("--source-title", required=True)
        parser.add_argument("--source-publisher", required=True)
        parser.add_argument("--source-date", required=True, type=iso_date, help="YYYY-MM-DD")
        parser.add_argument("--source-url", default="")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, change nothing."
        )
        layout = parser.add_argument_group("where the figures are")
        layout.add_argument("--sheet", default="", help="Sheet name or number (default: first).")
        layout.add_argument("--shape", choices=SHAPES, default="", help="Default: detected.")
        layout.add_argument(
            "--measure", default="", help="The measure (slug or name) of every row."
        )
        for name in ("force", "period", "quarter", "value", "measure"):
            layout.add_argument(
                f"--{name}-column", default="", help=f"Header of the {name} column."
            )
        layout.add_argument(
            "--where",
            action="append",
            default=[],
            metavar="COLUMN=VALUE",
            help='Import only rows with this value, e.g. --where "Offence Code=88A" (repeatable).',
        )
        layout.add_argument(
            "--sum", action="store_true", help="Add up rows that share force, measure and period."
        )

    def handle(self, *args, file, dry_run, **options):
        source = SourceDetails(
            publisher=options["source_publisher"].strip(),
            title=options["source_title"].strip(),
            date_published=options["source_date"],
            url=options["source_url"].strip(),
        )
        layout = ImportOptions.from_dict(options)
        try:
            with open(file, "rb") as stream:
                report = FigureImporter(source=source, options=layout).run(stream, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        if report.file_type:
            sheet = f", sheet “{report.sheet}”" if report.sheet else ""
            self.stdout.write(f"{file}: {report.file_type}{sheet}; {report.layout or 'no table'}")
        if report.warnings:
            self.stdout.write("Warnings:")
            for line in report.warnings.lines():
                self.stdout.write(f"  {line}")
        self.stdout.flush()
        for line in report.problems.lines():
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(report.summary)
        for change in report.changes:
            self.stdout.write(change)
        prefix = "Dry run, nothing written. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary))
