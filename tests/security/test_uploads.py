"""Uploads: pictures over 40 megapixels or built to exhaust memory, oversized documents and
SVG files are refused with a form error; documents are served so browsers download them."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents.models import Document

import pytest
from bs4 import BeautifulSoup

from images.models import Picture

pytestmark = pytest.mark.django_db


def png_header(width, height) -> bytes:
    """A PNG that claims `width`×`height` pixels: all a decoder reads before it allocates."""

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".error-message"))


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize(
    ("size", "said"),
    [((8000, 6000), "48 megapixels"), ((30000, 30000), "far too many pixels")],
    ids=["48MP", "bomb"],
)
def test_too_many_pixels_is_a_form_error_naming_the_limit(editor_client, size, said):
    response = upload_image(editor_client, "huge.png", png_header(*size))
    assert response.status_code == 200
    errors = field_errors(response)
    assert "40 megapixels" in errors
    assert said in errors
    assert not Picture.objects.exists()


def test_a_bomb_in_the_multiple_upload_is_refused_by_name(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("bomb.png", png_header(30000, 30000))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "40 megapixels" in answer["error_message"]


def test_a_truncated_picture_is_a_form_error(editor_client):
    response = upload_image(editor_client, "broken.png", png_header(800, 600))
    assert response.status_code == 200
    assert "Upload a valid image" in field_errors(response)
    assert not Picture.objects.exists()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_svg_pictures_are_refused(editor_client):
    response = upload_image(editor_client, "logo.svg", SVG)
    assert "Not a supported image format" in field_errors(response)
    assert not Picture.objects.exists()


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_svg_documents_are_refused(editor_client):
    response = upload_document(editor_client, "logo.svg", SVG)
    assert "File extension “svg” is not allowed" in field_errors(response)
    assert not Document.objects.exists()


@override_settings(DOCUMENT_MAX_UPLOAD_SIZE=2048)
def test_documents_over_the_size_limit_are_refused_with_the_limit(editor_client):
    response = upload_document(editor_client, "figures.csv", b"force,value\n" * 400)
    assert response.status_code == 200
    assert "This file is 4.7\xa0KB; documents can be at most 2.0\xa0KB." in field_errors(response)
    assert not Document.objects.exists()
    assert upload_document(editor_client, "figures.csv", b"force,value\n").status_code == 302
    assert Document.objects.count() == 1


def test_the_default_document_limit_is_50_megabytes(settings):
    assert settings.DOCUMENT_MAX_UPLOAD_SIZE == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "disposition"), [("figures.csv", "attachment"), ("report.pdf", "inline")]
)
def test_documents_are_served_as_files_never_as_pages(client, name, disposition):
    document = Document.objects.create(
        title="Figures", file=SimpleUploadedFile(name, b"<script>alert(1)</script>")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
