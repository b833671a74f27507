"""Wagtail's multiple upload of documents and pictures: a POST without files is a clear 400."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["documents", "images"])
@pytest.mark.parametrize(
    "data",
    [{}, {"title": "Report"}, {"file": SimpleUploadedFile("report.txt", b"figures")}],
    ids=["nothing", "a title only", "a file under another name"],
)
def test_a_post_without_files_is_a_400_that_says_so(editor_client, kind, data):
    editor_client.raise_request_exception = False
    response = editor_client.post(f"/admin/{kind}/multiple/add/", data)
    assert response.status_code == 400
    assert b"file" in response.content.lower()


def test_uploading_several_documents_still_works(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("figures.txt", b"63 offences", "text/plain")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert Document.objects.filter(title="figures.txt").exists()


def test_the_upload_still_needs_the_admin(client):
    response = client.post("/admin/documents/multiple/add/", {})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
