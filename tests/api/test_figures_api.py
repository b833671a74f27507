"""/api/figures/ and its neighbours: what a researcher pulling the figures gets."""

import csv
import io

from django.test import override_settings

import pytest

from statistics.models import Figure
from tests.factories import FigureFactory, HelplineFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_figures_carry_the_change_from_the_period_before(client, offences):
    data = client.get("/api/figures/", {"force": "wiltshire"}).json()
    assert data["count"] == 2
    latest = next(f for f in data["results"] if f["period"] == "2019/20")
    assert latest["force"] == "wiltshire"
    assert latest["measure"] == "online-offences"
    assert (latest["value"], latest["previous_period"], latest["previous_value"]) == (
        63,
        "2018/19",
        77,
    )
    assert (latest["change_percent"], latest["direction"]) == (-18, "down")
    assert latest["source"]["publisher"] == "NSPCC"
    earliest = next(f for f in data["results"] if f["period"] == "2018/19")
    assert earliest["previous_value"] is None and earliest["change_percent"] is None


def test_figures_filter_by_measure_and_period(client, offences):
    FigureFactory(measure=MeasureFactory(slug="other"), period="2019/20", value=5)
    data = client.get("/api/figures/", {"measure": "online-offences", "period": "2019/20"}).json()
    assert sorted(f["value"] for f in data["results"]) == [63, 247]


def test_a_corrected_figure_changes_the_answer(client, offences):
    Figure.objects.filter(period="2019/20", force__slug="wiltshire").update(value=70)
    data = client.get("/api/figures/", {"force": "wiltshire", "period": "2019/20"}).json()
    assert data["results"][0]["value"] == 70
    assert data["results"][0]["change_percent"] == -9


def test_figures_are_paged_in_a_fixed_number_of_queries(
    client, offences, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        data = client.get("/api/figures/", {"page_size": 1}).json()
    assert data["count"] == 4 and len(data["results"]) == 1 and data["next"]
    with django_assert_max_num_queries(10):
        assert len(client.get("/api/figures/", {"page_size": 1000}).json()["results"]) == 4


def test_a_page_past_the_end_is_a_clear_404(client, offences):
    response = client.get("/api/figures/", {"page": 99})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_figures_as_csv(client, offences):
    response = client.get("/api/figures/", {"format": "csv", "force": "hampshire"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    latest = next(row for row in rows if row["period"] == "2019/20")
    assert (latest["value"], latest["change_percent"], latest["source_publisher"]) == (
        "247",
        "89",
        "NSPCC",
    )


def test_an_unknown_format_is_a_404_not_a_500(client, offences):
    assert client.get("/api/figures/", {"format": "xml"}).status_code == 404


def test_the_accept_header_does_not_change_the_answer(client, offences):
    """One response per URL, as the page cache keeps it."""
    response = client.get("/api/figures/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "application/json"


def test_forces_with_their_ons_and_police_uk_codes(client):
    force = client.get("/api/forces/wiltshire/").json()
    assert force["name"] == "Wiltshire Police"
    assert "ons_code" in force and "police_uk_id" in force
    assert client.get("/api/forces/", {"page_size": 1000}).json()["count"] >= 45


def test_measures_and_sources(client, offences):
    measure = client.get("/api/measures/online-offences/").json()
    assert measure["unit"] == "incidents"
    assert measure["data_url"].endswith("/statistics/online-offences/")
    assert client.get("/api/sources/").json()["results"][0]["publisher"] == "NSPCC"


def test_only_published_helplines_with_their_tel_links(client, wiltshire):
    HelplineFactory(name="Wiltshire MASH", number="0300 456 0108", area=wiltshire)
    HelplineFactory(name="Draft line", number="0300 456 0109", publish=False)
    data = client.get("/api/helplines/").json()
    assert [h["name"] for h in data["results"]] == ["Wiltshire MASH"]
    mash = data["results"][0]
    assert (mash["display_number"], mash["tel"], mash["area"]) == (
        "0300 456 0108",
        "tel:+443004560108",
        "wiltshire",
    )
    assert client.get("/api/helplines/", {"area": "hampshire"}).json()["count"] == 0


def test_open_to_any_origin_with_an_etag(client, offences):
    response = client.get("/api/figures/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"]
    again = client.get("/api/figures/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_read_only(client, offences):
    assert client.post("/api/figures/", {}).status_code == 405
    assert client.delete(f"/api/figures/{Figure.objects.first().pk}/").status_code == 405


@override_settings(API_THROTTLE_RATE="3/minute")
def test_a_client_past_its_limit_is_told_when_to_come_back(client, offences):
    statuses = [client.get("/api/forces/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/forces/")
    assert int(response["Retry-After"]) > 0
    other = client.get("/api/forces/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@override_settings(API_THROTTLE_RATE="2/minute", TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_each_reader_has_their_own_limit_and_cannot_forge_another(
    client, offences
):
    """nginx (127.0.0.1 here) passes each reader's address in X-Forwarded-For; a reader who
    sends the header themselves is still counted by their own address."""
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    one = [client.get("/api/forces/", **via_proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")]
    one += [client.get("/api/forces/", **via_proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")]
    one += [client.get("/api/forces/", **via_proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")]
    assert [r.status_code for r in one] == [200, 200, 429]
    two = client.get("/api/forces/", **via_proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert two.status_code == 200
    direct = {"REMOTE_ADDR": "203.0.113.9"}
    forged = [
        client.get("/api/forces/", **direct, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in (3, 4, 5)
    ]
    assert [r.status_code for r in forged] == [200, 200, 429]


@override_settings(API_THROTTLE_RATE="2/minute")
def test_the_admins_own_api_keeps_its_user_and_no_limit(client, offences, editor):
    """Wagtail's admin API (the choosers) is DRF too: the open data policy is not its."""
    client.force_login(editor)
    statuses = [client.get("/admin/api/main/pages/").status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert client.get("/api/forces/").status_code == 200  # and the API still reads no sign-in
    assert client.get("/api/forces/").status_code == 200
    assert client.get("/api/forces/").status_code == 429
