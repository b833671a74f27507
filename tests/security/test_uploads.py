"""Uploads: pictures over 40 megapixels or built to exhaust memory, oversized documents and
SVG files are refused with a form error; documents are served so browsers download them."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.models import Image

import pytest
from bs4 import BeautifulSoup

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


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


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
    assert not Image.objects.exists()
