import pytest

from statistics.models import PoliceForce


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
