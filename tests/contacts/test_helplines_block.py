"""The "How to report" block as readers see it, and as the publish guard rails ask it."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from contacts.blocks import HelplinesBlock
from contacts.models import HelplineKind
from statistics.models import PoliceForce
from tests.factories import HelplineFactory

pytestmark = pytest.mark.django_db


def shown(client, story):
    """(name, link text, link) of each helpline the story shows."""
    response = client.get(story.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".helpline__name").get_text(strip=True),
            item.select_one(".helpline__number a").get_text(strip=True),
            item.select_one(".helpline__number a")["href"],
        )
        for item in html.select(".story__body .helpline")
    ]


@pytest.fixture
def forces():
    return {force.slug: force for force in PoliceForce.objects.all()}


def test_chosen_helplines_show_in_the_editors_order_with_working_links(
    client, story_with_helplines
):
    mash = HelplineFactory(name="Wiltshire MASH", opening_hours="Mon–Fri 9am–5pm")
    emergency = HelplineFactory(name="Emergency", number="999")
    story = story_with_helplines([mash, emergency])
    assert shown(client, story) == [
        ("Wiltshire MASH", "0300 456 0108", "tel:+443004560108"),
        ("Emergency", "999", "tel:999"),
    ]
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    section = html.select_one(".story__body .helplines")
    assert section.select_one("h2").get_text() == "How to report abuse"
    assert section.select_one(".helpline__when").get_text() == mash.when_to_call
    assert section.select_one(".helpline__hours").get_text() == "Open: Mon–Fri 9am–5pm"
    assert "helpline--emergency" in section.select(".helpline")[1]["class"]


def test_unpublished_deleted_and_never_published_helplines_disappear_cleanly(
    client, story_with_helplines
):
    kept = HelplineFactory(name="Kept")
    unpublished = HelplineFactory(name="Unpublished")
    deleted = HelplineFactory(name="Deleted")
    draft = HelplineFactory(name="Draft", publish=False)
    story = story_with_helplines([unpublished, kept, deleted, draft])
    unpublished.unpublish()
    deleted.delete()
    assert [name for name, _, _ in shown(client, story)] == ["Kept"]
    kept.unpublish()
    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert html.select(".story__body .helplines") == []  # no empty heading left behind


def test_a_pending_draft_of_a_helpline_never_reaches_the_story(client, story_with_helplines):
    helpline = HelplineFactory(name="Wiltshire MASH")
    story = story_with_helplines([helpline])
    helpline.number = "+443004560199"
    helpline.save_revision()
    assert shown(client, story) == [("Wiltshire MASH", "0300 456 0108", "tel:+443004560108")]


def test_by_area_shows_the_storys_areas_and_uk_wide_helplines_emergency_first(
    client, story_with_helplines, forces
):
    HelplineFactory(name="Wiltshire MASH", kind="safeguarding", area=forces["wiltshire"])
    HelplineFactory(name="Hampshire line", kind="safeguarding", area=forces["hampshire"])
    HelplineFactory(name="Childline", number="0800 1111", kind="support")
    HelplineFactory(name="Police non-emergency", number="101", kind="police-non-emergency")
    HelplineFactory(name="Emergency", number="999")
    HelplineFactory(name="Draft line", kind="support", publish=False)
    story = story_with_helplines(mode="areas", areas=[forces["wiltshire"]])
    assert [name for name, _, _ in shown(client, story)] == [
        "Emergency",
        "Police non-emergency",
        "Wiltshire MASH",
        "Childline",
    ]


@pytest.mark.parametrize("mode", ["chosen", "areas"])
def test_a_story_fetches_its_helplines_in_a_constant_number_of_queries(
    client, story_with_helplines, forces, mode
):
    def queries_for(count):
        helplines = [
            HelplineFactory(area=forces["wiltshire"], kind=HelplineKind.SAFEGUARDING)
            for _ in range(count)
        ]
        story = story_with_helplines(
            helplines if mode == "chosen" else (), mode=mode, areas=[forces["wiltshire"]]
        )
        shown(client, story)  # the first view caches site-wide lookups
        with CaptureQueriesContext(connection) as queries:
            assert len(shown(client, story)) >= count
        return len(queries)

    assert queries_for(1) == queries_for(6)


def test_publish_errors_name_each_chosen_helpline_readers_could_not_see():
    block = HelplinesBlock()
    published = HelplineFactory(name="Published")
    unpublished = HelplineFactory(name="Wiltshire MASH")
    never = HelplineFactory(name="Childline", publish=False)
    deleted = HelplineFactory(name="Deleted")
    unpublished.unpublish()

    def errors(helplines, mode="chosen"):
        value = block.to_python({"mode": mode, "helplines": [h.pk for h in helplines]})
        return block.get_publish_errors(value)

    assert errors([published]) == []
    assert errors([]) == []
    assert errors([], mode="areas") == []
    ids = [published, unpublished, never, deleted]
    deleted.delete()
    assert errors(ids) == [
        "The helpline “Wiltshire MASH” is not published: publish it or remove it.",
        "The helpline “Childline” is not published: publish it or remove it.",
        "A helpline chosen in “How to report” has been deleted: remove it.",
    ]


def test_the_block_is_reachable_from_a_story_body_under_its_name():
    assert isinstance(ArticleBodyBlock().child_blocks["helplines"], HelplinesBlock)


@pytest.mark.parametrize(
    ("mode", "chosen", "message"),
    [
        ("chosen", False, "Choose at least one helpline."),
        ("areas", True, "Helplines listed by area are found for you"),
    ],
)
def test_the_editor_is_told_when_the_mode_and_the_choice_disagree(mode, chosen, message):
    block = HelplinesBlock()
    helplines = [HelplineFactory().pk] if chosen else []
    value = block.to_python({"heading": "How to report", "mode": mode, "helplines": helplines})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert message in str(error.value.block_errors["helplines"])


def test_the_block_is_complete_in_the_admin_with_a_preview():
    HelplineFactory(name="Emergency", number="999")
    block = HelplinesBlock()
    assert block.meta.icon and block.meta.description and block.meta.template
    html = BeautifulSoup(block.render(block.get_preview_value()), "html.parser")
    assert html.select_one("h2").get_text() == "How to report abuse"
    assert html.select_one(".helpline__number a")["href"] == "tel:999"


def test_the_footer_shows_the_published_emergency_number_or_999(client, home):
    def footer_link():
        html = BeautifulSoup(client.get("/").content, "html.parser")
        link = html.select_one(".site-footer__emergency a")
        return link.get_text(), link["href"]

    assert footer_link() == ("999", "tel:999")
    HelplineFactory(name="Draft emergency", number="112", publish=False)
    assert footer_link() == ("999", "tel:999")
    HelplineFactory(name="European emergency", number="112")
    assert footer_link() == ("112", "tel:112")


def test_by_area_mode_accepts_the_empty_slot_the_editor_starts_with():
    """The admin opens the block with one empty helpline slot; choosing "by area" must save."""
    block = HelplinesBlock()
    value = block.get_default()
    value["mode"] = "areas"
    assert list(block.clean(value)["helplines"]) == []
    value["mode"] = "chosen"
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_empty_slots_are_dropped_so_only_deleted_helplines_are_reported():
    block = HelplinesBlock()
    helpline = HelplineFactory()
    value = block.to_python({"mode": "chosen", "helplines": [helpline.pk, None]})
    cleaned = block.clean(value)
    assert list(cleaned["helplines"]) == [helpline]
    assert block.get_publish_errors(cleaned) == []


def test_chosen_published_helplines_come_from_the_cache_and_others_from_the_database(
    django_assert_num_queries,
):
    published = HelplineFactory(name="Published")
    draft = HelplineFactory(name="Draft", publish=False)
    chooser = HelplinesBlock().child_blocks["helplines"].child_block
    chooser.bulk_to_python([published.pk])  # the first read fills the cache
    with django_assert_num_queries(0):
        assert chooser.bulk_to_python([published.pk, None]) == [published, None]
    with django_assert_num_queries(1):
        found = chooser.bulk_to_python([draft.pk, published.pk, published.pk, 999_999])
    assert found == [draft, published, published, None]
    assert not found[0].live
    assert found[1] is not found[2]  # a helpline chosen twice is two objects, as in Wagtail
