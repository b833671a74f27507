"""Forces, measures, sources and figures in the Wagtail admin; history; the import view."""

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics.models import Figure, PendingImport
from tests.factories import FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def listed(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(tr.get_text(" ", strip=True).split()) for tr in html.select("tbody tr")]


def test_every_statistics_model_has_an_admin_listing(admin_client, offences):
    for model in ["policeforce", "measure", "source", "figure"]:
        response = admin_client.get(reverse(f"wagtailsnippets_statistics_{model}:list"))
        assert response.status_code == 200, model


def test_figures_filter_by_measure_force_period_and_source(
    admin_client, offences, wiltshire, hampshire
):
    other = MeasureFactory(name="Burglaries")
    FigureFactory(measure=other, force=wiltshire, period="2019/20", value=5)
    url = reverse("wagtailsnippets_statistics_figure:list")
    assert len(listed(admin_client.get(url))) == 5
    assert len(listed(admin_client.get(url, {"measure": other.pk}))) == 1
    by_force = listed(admin_client.get(url, {"force": hampshire.pk}))
    assert len(by_force) == 2 and all("Hampshire" in row for row in by_force)
    assert len(listed(admin_client.get(url, {"period": "2018/19"}))) == 2
    searched = listed(admin_client.get(url, {"q": "Burglaries"}))
    assert len(searched) == 1 and "Wiltshire" in searched[0]


def test_a_value_changed_in_the_admin_is_in_the_figures_history(
    admin_client, offences, wiltshire, admin_user
):
    figure = Figure.objects.get(measure=offences, force=wiltshire, period="2019/20")
    response = admin_client.post(
        reverse("wagtailsnippets_statistics_figure:edit", args=[figure.pk]),
        {
            "force": wiltshire.pk,
            "measure": offences.pk,
            "period": "2019/20",
            "value": "64",
            "source": figure.source_id,
            "notes": "Corrected by the force.",
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == 64
    history = admin_client.get(
        reverse("wagtailsnippets_statistics_figure:history", args=[figure.pk])
    )
    text = " ".join(BeautifulSoup(history.content, "html.parser").get_text(" ").split())
    assert "Value changed from 63 to 64 (in the admin)" in text
    assert admin_user.get_username() in text


def test_a_bad_period_is_refused_in_the_admin(admin_client, offences, wiltshire):
    figure = Figure.objects.get(measure=offences, force=wiltshire, period="2019/20")
    response = admin_client.post(
        reverse("wagtailsnippets_statistics_figure:edit", args=[figure.pk]),
        {
            "force": wiltshire.pk,
            "measure": offences.pk,
            "period": "2019/21",
            "value": "63",
            "source": figure.source_id,
        },
    )
    assert response.status_code == 200
    assert "second year must follow the first" in response.content.decode()
    figure.refresh_from_db()
    assert figure.period == "2019/20"


def upload(client, text, name="figures.csv"):
    return client.post(
        reverse("statistics_import"),
        {
            "file": SimpleUploadedFile(name, text.encode("utf-8-sig"), "text/csv"),
            "source_publisher": "NSPCC",
            "source_title": "Freedom of Information request to police forces",
            "source_date": "2020-09-03",
            "source_url": "https://www.nspcc.org.uk/",
        },
    )


def counts(response):
    html = BeautifulSoup(response.content, "html.parser")
    return {dd["data-count"]: int(dd.text) for dd in html.select("[data-count]")}


def test_import_view_previews_then_imports_on_confirmation(admin_client, offences):
    response = upload(
        admin_client,
        "force,measure,period,value\n"
        "Wiltshire,online-offences,2019/20,64\n"
        "Kent,online-offences,2019/20,12\n"
        "Hampshire,online-offences,2019/20,247\n",
    )
    assert response.status_code == 200
    assert counts(response) == {"created": 1, "updated": 1, "unchanged": 1}
    assert Figure.objects.count() == 4  # nothing written yet
    pending = PendingImport.objects.get()
    response = admin_client.post(reverse("statistics_import_confirm", args=[pending.pk]))
    assert response.status_code == 302
    assert Figure.objects.count() == 5
    assert Figure.objects.get(force__slug="wiltshire", period="2019/20").value == 64
    assert not PendingImport.objects.exists()


def test_import_view_lists_every_problem_and_offers_no_confirmation(admin_client, offences):
    response = upload(
        admin_client,
        "force,measure,period,value\nAtlantis,online-offences,2019/20,1\nKent,online-offences,20,x\n",
    )
    html = BeautifulSoup(response.content, "html.parser")
    rows = [[td.text for td in tr.select("td")] for tr in html.select(".import-errors tbody tr")]
    assert [row[0] for row in rows] == ["2", "3", "3"]
    assert "Atlantis" in rows[0][1]
    assert html.select_one("form[action*='statistics/import/']") is None
    assert Figure.objects.count() == 4


def test_import_needs_permission_to_add_and_change_figures(client, django_user_model):
    user = django_user_model.objects.create_user("reporter", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("statistics_import"))
    assert response.status_code in (302, 403)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_figure", "change_figure"])
    )
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(reverse("statistics_import")).status_code == 200
