from django.test import override_settings
from django.urls import path

import pytest


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_is_styled_and_shows_no_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong" in text
    assert "Traceback" not in text and "boom" not in text
