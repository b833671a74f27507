"""Forces, measures, sources and figures in the Wagtail admin; history; who may import.
The import screens themselves: test_import_admin."""

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics.models import Figure
from tests.editorial import admin_messages
from tests.factories import FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def listed(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [" ".join(tr.get_text(" ", strip=True).split()) for tr in html.select("tbody tr")]


def test_every_statistics_model_has_an_admin_listing(admin_client, offences):
    for model, first_row in [
        ("policeforce", "Avon and Somerset"),
        ("measure", "Online child sex offences recorded"),
        ("source", "NSPCC"),
        ("figure", "Hampshire Constabulary"),
    ]:
        response = admin_client.get(reverse(f"wagtailsnippets_statistics_{model}:list"))
        assert listed(response)[0].startswith(first_row), (model, listed(response)[:1])


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


def test_import_needs_permission_to_add_and_change_figures(client, django_user_model):
    user = django_user_model.objects.create_user("reporter", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("statistics_import"), follow=True)
    assert response.resolver_match.url_name == "wagtailadmin_home"
    assert "Sorry, you do not have permission to access this area." in admin_messages(response)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_figure", "change_figure"])
    )
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    page = BeautifulSoup(client.get(reverse("statistics_import")).content, "html.parser")
    assert page.select_one("input[type=file]") is not None


def test_the_figure_form_opens_filled_in_and_offers_another_for_the_same_measure(
    admin_client, offences, wiltshire, hampshire
):
    source = Figure.objects.get(force=wiltshire, period="2019/20").source
    add = reverse("wagtailsnippets_statistics_figure:add")
    form = BeautifulSoup(
        admin_client.get(
            add, {"measure": offences.pk, "force": wiltshire.pk, "period": "2020/21"}
        ).content,
        "html.parser",
    )
    assert form.select_one("input[name=measure]")["value"] == str(offences.pk)
    assert form.select_one("input[name=force]")["value"] == str(wiltshire.pk)
    assert form.select_one("input[name=period]")["value"] == "2020/21"
    response = admin_client.post(
        add,
        {
            "force": wiltshire.pk,
            "measure": offences.pk,
            "period": "2020/21",
            "value": "70",
            "source": source.pk,
        },
        follow=True,
    )
    assert Figure.objects.get(force=wiltshire, period="2020/21").value == 70
    another = BeautifulSoup(response.content, "html.parser").find("a", string="Add another")
    form = BeautifulSoup(admin_client.get(another["href"]).content, "html.parser")
    assert form.select_one("input[name=measure]")["value"] == str(offences.pk)
    assert form.select_one("input[name=source]")["value"] == str(source.pk)
    assert form.select_one("input[name=period]")["value"] == "2020/21"
    assert not form.select_one("input[name=force]").get("value")
