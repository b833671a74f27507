"""The force and measure choosers find things: both are searchable (the seeded forces are
in the search index after migrate), forces by part of their name."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics.search_index import index_seeded
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def chosen_names(client, model, query):
    url = reverse(f"wagtailsnippetchoosers_statistics_{model}:choose_results")
    soup = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("td.title a")]


def test_forces_are_found_by_part_of_their_name(admin_client):
    assert chosen_names(admin_client, "policeforce", "wilt") == ["Wiltshire Police"]
    assert chosen_names(admin_client, "policeforce", "Hamp") == ["Hampshire Constabulary"]


def test_the_force_chooser_has_a_search_box(admin_client):
    url = reverse("wagtailsnippetchoosers_statistics_policeforce:choose")
    response = admin_client.get(url)
    assert 'name="q"' in response.json()["html"]


def test_measures_are_found_by_name(admin_client):
    MeasureFactory(name="Online child sex offences recorded by police")
    MeasureFactory(name="Knife crime offences")
    assert chosen_names(admin_client, "measure", "child sex") == [
        "Online child sex offences recorded by police"
    ]


def test_the_index_is_filled_once(admin_client):
    index_seeded()
    index_seeded()
    assert chosen_names(admin_client, "policeforce", "wiltshire") == ["Wiltshire Police"]


def test_the_force_chooser_lists_forces_by_nation(admin_client):
    url = reverse("wagtailsnippetchoosers_statistics_policeforce:choose_results")
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    nations = [row[-1] for row in rows]
    assert len(rows) == 46
    assert nations == sorted(
        nations, key=["England", "Great Britain", "Northern Ireland", "Scotland", "Wales"].index
    )
    assert [rows[0][0], rows[0][-1]] == ["Avon and Somerset Constabulary", "England"]
