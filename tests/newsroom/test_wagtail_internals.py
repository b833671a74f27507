"""What `newsroom/wagtail_internals.py` relies on in Wagtail, checked against the installed
release: if one of these fails after a Wagtail upgrade, the adapter needs a new way."""

from django.test import RequestFactory

from wagtail.models import Site

import pytest

from newsroom.wagtail_internals import remember_site

pytestmark = pytest.mark.django_db


def test_a_remembered_site_is_the_one_wagtail_finds_without_a_query(
    django_assert_num_queries,
):
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    other = Site(hostname="cached.example", port=80, root_page_id=1)
    remember_site(request, other)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is other


def test_without_a_remembered_site_wagtail_queries_for_it(django_assert_max_num_queries):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    found = Site.find_for_request(request)
    assert found == Site.objects.get(is_default_site=True)
    with django_assert_max_num_queries(0):  # and keeps it for the rest of the request
        assert Site.find_for_request(request) is found


def test_pages_served_through_the_middleware_ask_no_query_for_the_site(client, story):
    client.get(story.url)  # the site is cached
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Site, "_find_for_request", lambda request: pytest.fail("site queried"))
        patch.setattr(Site.objects, "get", lambda *a, **k: pytest.fail("site queried"))
        assert client.get(story.url).status_code == 200
