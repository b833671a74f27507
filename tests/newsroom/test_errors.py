from django.test import override_settings
from django.urls import include, path

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticleIndexPageFactory


def broken_view(request):
    raise RuntimeError("boom")


# The site with one view that fails.
urlpatterns = [path("broken/", broken_view), path("", include("newsroom.urls"))]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_is_styled_and_shows_no_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong" in text
    assert "Traceback" not in text and "boom" not in text


@pytest.mark.django_db
def test_links_to_all_stories_follow_the_news_index_wherever_it_is(client, home):
    ArticleIndexPageFactory(parent=home, title="Stories", slug="stories")
    for url in ["/", "/no-such-page/", "/search/"]:
        html = BeautifulSoup(client.get(url).content, "html.parser")
        assert html.select_one(".site-nav a")["href"] == "/stories/", url
        assert html.select_one(".site-header__brand")["href"] == "/"
        # The search page has one search box: its own, not the header's.
        search_form = "form.search-form" if url == "/search/" else "form.site-search"
        assert html.select_one(search_form)["action"] == "/search/"
    not_found = BeautifulSoup(client.get("/no-such-page/").content, "html.parser")
    assert not_found.select_one(".error-page a:-soup-contains('see all stories')")["href"] == (
        "/stories/"
    )
