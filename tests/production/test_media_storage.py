"""Pictures and documents in S3-compatible object storage, against a real S3-protocol server
(moto's, started here; production uses any S3-compatible store): pictures uploaded in the
admin are stored with their renditions in a bucket and fetched by readers from the store;
documents are private objects, served only through Wagtail's view, which keeps a private
collection private."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

import boto3
import pytest
from PIL import Image as PILImage

from tests.factories import ArticlePageFactory
from tests.production.conftest import free_port, wait_for

pytestmark = pytest.mark.django_db
BUCKET = "newsroom-media"
ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(endpoint + "/moto-api/", 30, process)
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def object_storage(s3_server, settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_server
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_DEFAULT_ACL = "public-read"
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "newsroom.media_storage.MediaStorage"},
    }
    return s3_server


def jpeg_upload(name="harbour.jpg"):
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), (30, 90, 140)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_a_picture_uploaded_in_the_admin_is_served_from_object_storage(
    client, admin_user, object_storage, news_index
):
    client.force_login(admin_user)
    response = client.post(
        "/admin/images/add/", {"title": "Harbour at dusk", "file": jpeg_upload()}
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Harbour at dusk")
    assert image.file.url.startswith(f"{object_storage}/{BUCKET}/original_images/")

    story = ArticlePageFactory(
        parent=news_index, hero_image=image, hero_alt_text="The harbour at dusk"
    )
    client.logout()
    html = client.get(story.url).content.decode()
    renditions = set(re.findall(rf'{re.escape(object_storage)}/{BUCKET}/images/[^" ,]+', html))
    assert renditions, "the story shows no picture from the object store"
    for url in renditions:
        status, content_type, body = fetch(url)
        assert status == 200 and content_type.startswith("image/"), url
        assert PILImage.open(BytesIO(body)).width <= 1600


def settings_in(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default']['BACKEND'], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_storage_is_chosen_from_the_environment_and_its_host_allowed_by_the_csp():
    assert settings_in({})[0] == "django.core.files.storage.FileSystemStorage"
    backend, img_src = settings_in(
        {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_CUSTOM_DOMAIN": "media.example.org"}
    )
    assert backend == "newsroom.media_storage.MediaStorage"
    assert "https://media.example.org" in img_src


def upload_document(client, title, collection):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("figures.txt", b"Quarterly figures", "text/plain"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=title)


def anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_a_document_is_a_private_object_served_only_through_the_site(
    client, admin_user, object_storage
):
    client.force_login(admin_user)
    document = upload_document(client, "Public figures", Collection.get_first_root_node())
    plain = f"{object_storage}/{BUCKET}/{document.file.name}"
    assert anonymous_get(plain)[0] == 403
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Quarterly figures"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_document_in_a_private_collection_stays_private_on_object_storage(
    client, admin_user, object_storage, private_collection
):
    client.force_login(admin_user)
    document = upload_document(client, "Internal figures", private_collection)
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and "next=" in response.url  # sign in first
    assert anonymous_get(f"{object_storage}/{BUCKET}/{document.file.name}")[0] == 403


def test_a_document_address_on_the_store_is_signed(client, admin_user, object_storage):
    client.force_login(admin_user)
    document = upload_document(client, "Signed figures", Collection.get_first_root_node())
    signed = document.file.url
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    assert anonymous_get(signed) == (200, b"Quarterly figures")
