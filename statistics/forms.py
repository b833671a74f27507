from django import forms

from wagtail.admin.widgets import AdminDateInput

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportFiguresForm(forms.Form):
    """The admin's upload: a CSV file and the source all its figures come from."""

    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 text with the header force,measure,period,value.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source_publisher = forms.CharField(max_length=160, help_text="For example “NSPCC”.")
    source_title = forms.CharField(
        max_length=255,
        help_text="For example “Freedom of Information request to police forces”.",
    )
    source_date = forms.DateField(label="Date published", widget=AdminDateInput)
    source_url = forms.URLField(
        label="Source URL", required=False, max_length=500, assume_scheme="https"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "The file is larger than 20 MB: split it and import each part."
            )
        return upload
