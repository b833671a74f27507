"""A writer asks the editors, from a figure block, for figures a force does not have."""

from django.conf import settings
from django.urls import reverse

import pytest

from statistics.models import PoliceForce

pytestmark = pytest.mark.django_db
URL = "statistics_figures_needed"


def test_a_reporter_asks_and_each_editor_gets_the_links_to_add_the_figures(
    client, reporter, editor, offences, mailoutbox
):
    thames = PoliceForce.objects.get(slug="thames-valley")
    client.force_login(reporter)
    response = client.post(
        reverse(URL),
        {"measure": offences.pk, "force": [thames.pk], "story": "/admin/pages/42/edit/"},
    )
    assert response.status_code == 200
    assert response.json() == {"message": "Sent to 1 editor."}
    [email] = mailoutbox
    assert email.to == [editor.email]
    assert email.subject == "Figures needed: Online child sex offences recorded, Thames Valley"
    add = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_statistics_figure:add")
    assert f"- Thames Valley: {add}?measure={offences.pk}&force={thames.pk}\n" in email.body
    assert "/admin/pages/42/edit/" in email.body


def test_asking_without_a_measure_or_a_force_says_what_is_missing(
    client, reporter, editor, offences, mailoutbox
):
    client.force_login(reporter)
    response = client.post(reverse(URL), {"measure": offences.pk})
    assert response.status_code == 400
    assert response.json()["message"] == "Choose a measure and tick a force first."
    assert client.post(reverse(URL), {"measure": "x", "force": ["y"]}).status_code == 400
    assert mailoutbox == []


def test_only_staff_can_ask(client, offences, mailoutbox):
    response = client.post(reverse(URL), {"measure": offences.pk, "force": ["1"]})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert mailoutbox == []


def test_the_figure_blocks_forces_list_carries_the_warning_and_the_ask_button(
    client, reporter, news_index
):
    client.force_login(reporter)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    page = client.get(url).content.decode()
    assert "data-forces-warning" in page and reverse(URL) in page
