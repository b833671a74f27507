"""`manage.py import_figures FILE.csv --source-title T --source-publisher P --source-date D`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from statistics.importers import FigureImporter, SourceDetails


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"“{text}” is not a date written YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Import police-force figures from a CSV file with the header force,measure,period,value. "
        "All rows or none: every problem is listed with its line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8, with or without a byte-order mark).")
        parser.add_argument("--source-title", required=True)
        parser.add_argument("--source-publisher", required=True)
        parser.add_argument("--source-date", required=True, type=iso_date, help="YYYY-MM-DD")
        parser.add_argument("--source-url", default="")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, change nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        source = SourceDetails(
            publisher=options["source_publisher"].strip(),
            title=options["source_title"].strip(),
            date_published=options["source_date"],
            url=options["source_url"].strip(),
        )
        try:
            with open(file, "rb") as stream:
                report = FigureImporter(source=source).run(stream, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        for line, message in report.errors:
            self.stderr.write(f"{file}, line {line}: {message}")
        if not report.ok:
            raise CommandError(report.summary)
        for change in report.changes:
            self.stdout.write(change)
        prefix = "Dry run, nothing written. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary))
