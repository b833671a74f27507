from django.urls import reverse

import pytest

from statistics.forces import ForceNames, normalise_force_name
from statistics.models import ForceAlias, PoliceForce


@pytest.mark.django_db
def test_every_uk_force_is_seeded():
    counts = {
        nation: PoliceForce.objects.filter(nation=nation).count()
        for nation in ["england", "wales", "scotland", "northern-ireland", "great-britain"]
    }
    assert counts == {
        "england": 39,
        "wales": 4,
        "scotland": 1,
        "northern-ireland": 1,
        "great-britain": 1,
    }
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    assert (wiltshire.name, wiltshire.short_name) == ("Wiltshire Police", "Wiltshire")


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Avon & Somerset Constabulary", "avon and somerset"),
        ("AVON_AND_SOMERSET", "avon and somerset"),
        ("London, City of", "city of london"),
        ("Dyfed-Powys Police", "dyfed powys"),
        ("North Wales Police Force", "north wales"),
        ("Metropolitan Police Service", "metropolitan"),
        ("  Police  Scotland ", "police scotland"),
    ],
)
def test_force_names_are_compared_normalised(written, normalised):
    assert normalise_force_name(written) == normalised


@pytest.mark.django_db
def test_editors_add_aliases_in_the_admin_but_not_ones_that_name_another_force(admin_client):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    url = reverse("wagtailsnippets_statistics_forcealias:add")
    response = admin_client.post(url, {"text": "Wilts & Swindon", "force": wiltshire.pk})
    assert response.status_code == 302
    assert ForceNames().resolve("WILTS AND SWINDON POLICE").force == wiltshire
    response = admin_client.post(url, {"text": "Hampshire Police", "force": wiltshire.pk})
    assert response.status_code == 200
    assert "“Hampshire Police” already names Hampshire Constabulary." in response.content.decode()
    assert not ForceAlias.objects.filter(text="Hampshire Police").exists()
    listing = admin_client.get(reverse("wagtailsnippets_statistics_forcealias:list"))
    assert "Wilts &amp; Swindon" in listing.content.decode()
