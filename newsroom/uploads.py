"""Upload forms for pictures and documents: Wagtail's form bases, set in settings
(`WAGTAILIMAGES_IMAGE_FORM_BASE`, `WAGTAILDOCS_DOCUMENT_FORM_BASE`).

Wagtail checks a picture's pixel count only after decoding it whole, so a small file that
claims 30000×30000 pixels makes Pillow raise `DecompressionBombError` (or a truncated one
`OSError`) out of the upload view. Here the size is read from the file's header first, and
whatever the decoder cannot read is a form error.

Wagtail's multiple-upload views read `request.FILES["files[]"]` unchecked: a POST with no
such field was a 500. `needs_files` answers it with a 400 that says what is missing.
"""

import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PillowImage


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f}".removesuffix(".0") + " megapixels"


class ScreenedImageField(WagtailImageField):
    def unreadable(self):
        return ValidationError(self.error_messages["invalid_image"], code="invalid_image")

    def check_image_pixel_size(self, f):
        limit = f"pictures can be at most {megapixels(self.max_image_pixels)}"
        f.seek(0)
        try:
            with PillowImage.open(f) as header:
                width, height = header.size
        except PillowImage.DecompressionBombError as error:
            raise ValidationError(
                f"This picture has far too many pixels; {limit}.", code="file_too_many_pixels"
            ) from error
        except (OSError, ValueError, SyntaxError) as error:
            raise self.unreadable() from error
        finally:
            f.seek(0)
        if width * height > self.max_image_pixels:
            raise ValidationError(
                f"This picture is {megapixels(width * height)} ({width:,} × {height:,}); {limit}.",
                code="file_too_many_pixels",
            )
        try:
            # Wagtail's own check decodes the picture (and counts animation frames).
            super().check_image_pixel_size(f)
        except (OSError, ValueError, SyntaxError) as error:
            raise self.unreadable() from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ScreenedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
        if file is not None and file.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(file.size)}; documents can be at most "
                f"{filesizeformat(limit)}.",
                code="file_too_large",
            )
        return file


def needs_files(view):
    """Wrap a multiple-upload view: a POST without `files[]` is a 400, not a 500."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and "files[]" not in request.FILES:
            return HttpResponseBadRequest("No file was sent: choose one or more files to upload.")
        return view(request, *args, **kwargs)

    return wrapped
