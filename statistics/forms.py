"""The admin import's forms: the upload (file and source) and the layout (where the figures
are in the file), both kept when an editor uploads a corrected file."""

import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from wagtail.admin.widgets import AdminDateInput

from .archives import ArchiveTooLarge, check_archive
from .layouts import SHAPES, ImportOptions
from .models import Measure, Source


def max_upload_bytes() -> int:
    return settings.STATISTICS_IMPORT_MAX_BYTES


def too_large_message() -> str:
    return (
        f"The file is larger than {filesizeformat(max_upload_bytes())}: "
        "split it and import each part."
    )


class ImportFiguresForm(forms.Form):
    """A file, and the source all its figures come from: one already known, or a new one."""

    file = forms.FileField(
        label="File",
        help_text="A CSV, Excel (.xlsx) or OpenDocument (.ods) file.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods,text/csv"}),
    )
    source = forms.ModelChoiceField(
        Source.objects.all(),
        required=False,
        empty_label="A new source (fill in below)",
        help_text="Choose the source if its figures have been imported before.",
    )
    source_publisher = forms.CharField(
        max_length=160, required=False, help_text="For example “NSPCC”."
    )
    source_title = forms.CharField(
        max_length=255,
        required=False,
        help_text="For example “Freedom of Information request to police forces”.",
    )
    source_date = forms.DateField(
        label="Date published",
        required=False,
        # Marked for the hint that says which date was read (newsroom/dates.py); the date
        # forms read are the site's (FORMAT_MODULE_PATH).
        widget=AdminDateInput(attrs={"data-typed-date": ""}),
        help_text="Pick it, or type it like 3 September 2020, 3 Sep 2020 or 03/09/2020.",
        error_messages={
            "invalid": "Type the date like 3 September 2020, 3 Sep 2020, 03/09/2020 or 2020-09-03."
        },
    )
    source_url = forms.URLField(
        label="Source URL", required=False, max_length=500, assume_scheme="https"
    )
    previous = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message())
        stream = upload.open("rb")
        is_zip = stream.read(4) == b"PK\x03\x04"
        stream.seek(0)
        if is_zip:
            try:
                check_archive(stream)
            except ArchiveTooLarge as problem:
                raise forms.ValidationError(problem.message) from problem
            except zipfile.BadZipFile:
                pass  # named at the next step, with the other unreadable files
        return upload

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source:
            data.update(
                source_publisher=source.publisher,
                source_title=source.title,
                source_date=source.date_published,
                source_url=source.url,
            )
            return data
        for name in ("source_publisher", "source_title", "source_date"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, "Choose a source above, or fill this in for a new one.")
        return data


class ImportLayoutForm(forms.Form):
    """Where the figures are: detected from the file, changed here when detection is wrong."""

    sheet = forms.ChoiceField(required=False)
    shape = forms.ChoiceField(
        choices=[("", "Detect it")]
        + [
            ("long", "Long: force, measure, period, value"),
            ("wide", "Wide: forces down, periods across"),
            ("mapped", "Mapped: the columns named below"),
        ],
        required=False,
    )
    measure = forms.ModelChoiceField(
        Measure.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Named in a column",
        help_text="The measure of every row: needed for wide and most mapped tables.",
    )
    force_column = forms.CharField(required=False, max_length=200)
    period_column = forms.CharField(
        required=False,
        max_length=200,
        help_text="Years like 2019/20 or 2020, or quarters like Q1 2019/20.",
    )
    quarter_column = forms.CharField(
        required=False,
        max_length=200,
        help_text="Quarters 1 to 4 of the period's financial year: a year is imported only "
        "when all four quarters are there.",
    )
    value_column = forms.CharField(required=False, max_length=200)
    measure_column = forms.CharField(required=False, max_length=200)
    where = forms.CharField(
        label="Only rows where",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One filter a line, like Offence Code=88A.",
    )
    sum = forms.BooleanField(
        label="Add up rows that share force and period",
        required=False,
        help_text="For example several offence codes counted together.",
    )

    def __init__(self, *args, sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        if sheets:
            self.fields["sheet"].choices = [(name, name) for name in sheets]
        else:
            del self.fields["sheet"]

    def clean_where(self):
        lines = [line.strip() for line in self.cleaned_data["where"].splitlines()]
        for line in filter(None, lines):
            if "=" not in line:
                raise forms.ValidationError(f"“{line}” is not a filter: write Column=value.")
        return [line for line in lines if line]

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        assert data.get("shape", "") in ("", *SHAPES)
        measure = data["measure"].slug if data["measure"] else ""
        return ImportOptions.from_dict({**data, "measure": measure})

    @staticmethod
    def initial_from(options: ImportOptions) -> dict:
        initial = options.as_dict()
        initial["where"] = "\n".join(options.where)
        return initial
