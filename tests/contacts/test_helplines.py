"""Helplines in the admin: validation, drafts, preview, publishing, history and usage."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from contacts.models import Helpline, HelplineKind
from contacts.phone import ACCEPTED_FORMS
from statistics.models import PoliceForce
from tests.factories import AuthorFactory, HelplineFactory

pytestmark = pytest.mark.django_db


PUBLISH = {"action-publish": "action-publish"}


def url(action, *args):
    return reverse(f"wagtailsnippets_contacts_helpline:{action}", args=args)


def form_data(helpline=None, **changes):
    """What the edit form posts for `helpline` (or a new one), with `changes`."""
    data = {
        "name": "Wiltshire MASH",
        "number": "0300 456 0108",
        "kind": HelplineKind.SAFEGUARDING,
        "when_to_call": "A child in Wiltshire is not in immediate danger.",
        "area": "",
        "opening_hours": "",
        "website": "",
        "last_verified": "",
    }
    if helpline is not None:
        data.update(
            name=helpline.name,
            number=helpline.number,
            kind=helpline.kind,
            when_to_call=helpline.when_to_call,
            area=helpline.area_id or "",
        )
    data.update(changes)
    return data


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("helen", "helen@example.org", "pw")
    client.force_login(user)
    return user


def field_errors(response, name):
    html = BeautifulSoup(response.content, "html.parser")
    field = html.select_one(f"[data-field-wrapper]:has(#id_{name})")
    return [e.get_text(strip=True) for e in field.select(".error-message")]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (
            "0300 456",
            "“0300 456” is too short: UK numbers have 10 or 11 digits, such as 0300 456 0108.",
        ),
        (
            "999999",
            "“999999” is not a recognised short code: UK short codes include 101, 111, 999 "
            "and 116 123, and full numbers have 10 or 11 digits.",
        ),
        (
            "+1 202 555 0123",
            "“+1 202 555 0123” is not a UK number (+1 is another country): "
            "give the number UK callers dial.",
        ),
        ("abc", ACCEPTED_FORMS),
        ("", ACCEPTED_FORMS),
    ],
)
def test_a_bad_number_is_refused_saying_what_is_wrong_and_nothing_is_lost(
    client, admin, number, message
):
    response = client.post(url("add"), form_data(number=number, name="Kept name"))
    assert response.status_code == 200
    assert field_errors(response, "number") == [message]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#id_name")["value"] == "Kept name"
    assert not Helpline.objects.exists()


def test_staff_publish_a_new_helpline_stored_normalised(client, admin):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    response = client.post(
        url("add"), form_data(number="+44 300 456 0108", area=wiltshire.pk, **PUBLISH)
    )
    assert response.status_code == 302
    helpline = Helpline.objects.get()
    assert (helpline.number, helpline.live, helpline.area) == ("+443004560108", True, wiltshire)
    edit = BeautifulSoup(client.get(url("edit", helpline.pk)).content, "html.parser")
    assert edit.select_one("#id_number")["value"] == "0300 456 0108"


def test_an_emergency_number_is_saved_as_emergency_whatever_kind_was_chosen(client, admin):
    client.post(url("add"), form_data(number="999", kind=HelplineKind.SUPPORT))
    assert Helpline.objects.get().kind == HelplineKind.EMERGENCY


def test_a_draft_change_stays_out_of_stories_until_published(client, admin, story_with_helplines):
    helpline = HelplineFactory(name="Wiltshire MASH")
    story = story_with_helplines([helpline])

    def number_on_story():
        html = BeautifulSoup(client.get(story.url).content, "html.parser")
        return html.select_one(".helpline__number a")["href"]

    client.post(url("edit", helpline.pk), form_data(helpline, number="0300 456 0199"))
    helpline.refresh_from_db()
    assert helpline.has_unpublished_changes
    assert number_on_story() == "tel:+443004560108"

    client.post(
        url("edit", helpline.pk),
        form_data(helpline, number="0300 456 0199", **PUBLISH),
    )
    assert number_on_story() == "tel:+443004560199"


def test_preview_shows_the_helpline_as_readers_would_see_it(client, admin):
    helpline = HelplineFactory(name="Wiltshire MASH")
    preview_url = url("preview_on_edit", helpline.pk)
    posted = client.post(preview_url, form_data(helpline, number="01225 123456"))
    assert posted.json()["is_valid"] is True
    html = BeautifulSoup(client.get(preview_url).content, "html.parser")
    link = html.select_one(".helplines .helpline__number a")
    assert (link.text, link["href"]) == ("01225 123456", "tel:+441225123456")
    assert html.select_one(".helpline__name").text == "Wiltshire MASH"


def test_history_shows_who_changed_the_number_from_what_to_what(client, admin):
    helpline = HelplineFactory(name="Wiltshire MASH")
    first = helpline.latest_revision
    client.post(
        url("edit", helpline.pk),
        form_data(helpline, number="0300 456 0199", **PUBLISH),
    )
    helpline.refresh_from_db()
    history = BeautifulSoup(client.get(url("history", helpline.pk)).content, "html.parser")
    assert "helen" in history.get_text()
    compare = client.get(
        url("revisions_compare", helpline.pk, first.pk, helpline.latest_revision.pk)
    )
    html = BeautifulSoup(compare.content, "html.parser")
    assert [d.get_text(strip=True) for d in html.select(".deletion")] == ["0300 456 0108"]
    assert [a.get_text(strip=True) for a in html.select(".addition")] == ["0300 456 0199"]


def test_deleting_a_helpline_first_shows_where_it_is_used(client, admin, story_with_helplines):
    helpline = HelplineFactory(name="Wiltshire MASH")
    story = story_with_helplines([helpline], title="The story that uses it")
    usage = BeautifulSoup(client.get(url("usage", helpline.pk)).content, "html.parser")
    assert story.title in [a.get_text(strip=True) for a in usage.select("table a")]
    confirm = BeautifulSoup(client.get(url("delete", helpline.pk)).content, "html.parser")
    usage_link = confirm.select_one(f"a[href^='{url('usage', helpline.pk)}']")
    assert usage_link is not None and "1" in usage_link.get_text()


def test_listing_filters_by_kind_and_searches_by_name(client, admin):
    HelplineFactory(name="Emergency", number="999")
    HelplineFactory(name="Childline", number="0800 1111", kind=HelplineKind.SUPPORT)

    def names(**query):
        html = BeautifulSoup(client.get(url("list"), query).content, "html.parser")
        return sorted(
            a.get_text(strip=True) for a in html.select("tbody td.title .title-wrapper a")
        )

    assert names() == ["Childline", "Emergency"]
    assert names(kind=HelplineKind.EMERGENCY) == ["Emergency"]
    assert names(q="childline") == ["Childline"]


def test_an_editor_adds_a_how_to_report_block_to_a_story(client, admin, news_index):
    first = HelplineFactory(name="Police non-emergency", number="101")
    second = HelplineFactory(name="Emergency", number="999")
    data = nested_form_data(
        {
            "title": "A new story",
            "slug": "a-new-story",
            "standfirst": "What happened.",
            "article_authors": inline_formset([{"author": AuthorFactory().pk}]),
            "licence": "all-rights-reserved",
            "corrections": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "helplines",
                        {
                            "heading": "How to report",
                            "intro": rich_text("<p>Call these numbers.</p>"),
                            "mode": "chosen",
                            "helplines": {
                                "count": 2,
                                **{
                                    str(i): {"value": h.pk, "deleted": "", "order": i, "id": ""}
                                    for i, h in enumerate([first, second])
                                },
                            },
                        },
                    )
                ]
            ),
            **PUBLISH,
        }
    )
    add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    assert client.get(add).status_code == 200
    response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    story = ArticlePage.objects.get(slug="a-new-story")
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert [a["href"] for a in html.select(".helpline__number a")] == ["tel:101", "tel:999"]
    usage = BeautifulSoup(client.get(url("usage", first.pk)).content, "html.parser")
    assert "A new story" in [a.get_text(strip=True) for a in usage.select("table a")]
