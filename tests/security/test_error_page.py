"""The 500 page with the database down: the footer still names the site and the number."""

from django.db import OperationalError
from django.test import override_settings
from django.urls import include, path

import pytest
from bs4 import BeautifulSoup

from newsroom import urls as site_urls


def database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns = [path("broken/", database_down), path("", include("newsroom.urls"))]
handler500 = site_urls.handler500


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_the_footer_reads_whole_sentences_when_the_database_is_down(client, monkeypatch):
    def no_database():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("contacts.templatetags.helpline_tags.published_helplines", no_database)
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    footer = html.select_one("footer")
    lines = [" ".join(p.get_text().split()) for p in footer.select("p")]
    assert lines == ["If someone is in immediate danger, call 999.", "Newsroom."]
    assert html.select_one(".site-header__brand").get_text(strip=True) == "Newsroom"
