import datetime
import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=None)
    first = row_counts()
    call_command("load_demo")
    assert row_counts() == first
    assert ArticlePage.objects.live().count() >= 5


@pytest.mark.django_db
def test_reference_story_is_published_with_its_facts(client):
    call_command("load_demo")
    response = client.get(REFERENCE_URL)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(".byline a").text == "Faye Tryhorn"
    assert html.select_one(".byline time")["datetime"] == "2020-09-03"
    speakers = [s.text for s in html.select(".quote__speaker")]
    assert speakers == ["Ben Mant", "Andy Burrows"]
    # The picture's own alt text (its description) and credit, none of the story's own.
    hero = html.select_one(".story__hero")
    assert hero.img["alt"] == "An abstract illustration in dark blue."
    assert hero.select_one(".credit").get_text() == "Newsroom illustration"
    story = ArticlePage.objects.get(slug="online-child-sex-offences-reported-to-police")
    assert story.publish_date == datetime.date(2020, 9, 3)
    assert sorted(f.short_name for f in story.areas.all()) == ["Hampshire", "Wiltshire"]


@pytest.mark.django_db
def test_superuser_only_in_development():
    call_command("load_demo")
    assert not get_user_model().objects.exists()
    with override_settings(DEBUG=True):
        call_command("load_demo")
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_the_admin_address_printed_is_where_the_server_answers():
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", host="0.0.0.0:8123", stdout=out)
    assert "Admin: http://0.0.0.0:8123/admin/ " in out.getvalue()
    out = io.StringIO()
    with override_settings(DEBUG=True, WAGTAILADMIN_BASE_URL="https://news.example.org"):
        call_command("load_demo", stdout=out)
    assert "Admin: https://news.example.org/admin/ " in out.getvalue()


@pytest.mark.django_db
def test_reference_story_works_out_its_changes_from_the_stored_figures(client):
    call_command("load_demo")
    html = BeautifulSoup(client.get(REFERENCE_URL).content, "html.parser")
    sentences = [p.text for p in html.select(".stat__sentence")]
    assert sentences == [
        "63 incidents in 2019/20, compared to 77 in 2018/19: a drop of 18%.",
        "247 incidents in 2019/20, compared to 131 in 2018/19: an 89% increase.",
    ]
    assert all("NSPCC" in p.text for p in html.select(".stat__source"))
    assert html.select_one(".stat--chart svg[role=img]") is not None
