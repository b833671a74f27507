"""Figure blocks mean what they say: periods written the usual ways are read, a new table
starts with no empty rows, "every force" and "every period" become explicit when the story
is saved (so an import cannot change a saved story), and the forces are chosen together in
one list grouped by nation, with a hint of which have figures."""

import json

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from articles.guard_rails import publish_errors
from articles.models import ArticlePage
from statistics.blocks import FigureChartBlock, FigureTableBlock, PeriodBlock
from statistics.models import PoliceForce
from tests.editorial import story_form
from tests.factories import FigureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("written", ["2019/20", "2019-20", "2019/2020", "FY2019/20", "fy 2019-20"])
def test_periods_written_the_usual_ways_are_kept_as_2019_20(written):
    assert PeriodBlock().clean(written) == "2019/20"


def test_a_period_whose_years_do_not_follow_says_how_to_write_it():
    with pytest.raises(ValidationError) as error:
        PeriodBlock().clean("2019-21")
    assert "the second year must follow the first (write 2019/20)" in error.value.messages[0]


def test_a_comparison_reads_2019_20(offences, wiltshire):
    block = ArticleBodyBlock().child_blocks["figure_comparison"]
    value = block.to_python(
        {"measure": offences.pk, "force": wiltshire.pk, "period": "2019-20", "compare_with": ""}
    )
    assert block.clean(value)["period"] == "2019/20"


@pytest.mark.parametrize("block", [FigureTableBlock(), FigureChartBlock()])
def test_a_new_table_or_chart_has_no_empty_rows(block):
    default = block.get_default()
    assert list(default["forces"]) == [] and list(default["periods"]) == []


def test_every_force_and_period_become_explicit_when_saved(offences, wiltshire, hampshire):
    block = FigureChartBlock()
    value = block.to_python({"measure": offences.pk, "forces": [], "periods": [], "caption": ""})
    cleaned = block.clean(value)
    assert [force.short_name for force in cleaned["forces"]] == ["Hampshire", "Wiltshire"]
    assert list(cleaned["periods"]) == ["2018/19", "2019/20"]


def test_chosen_forces_get_the_periods_they_have_figures_for(offences, wiltshire):
    block = FigureTableBlock()
    value = block.to_python(
        {"measure": offences.pk, "forces": [wiltshire.pk], "periods": [], "caption": ""}
    )
    assert list(block.clean(value)["periods"]) == ["2018/19", "2019/20"]


def test_an_import_after_saving_changes_neither_what_a_story_shows_nor_needs(
    client, editor, news_index, offences, wiltshire, hampshire
):
    client.force_login(editor)
    FigureFactory(measure=offences, force=PoliceForce.objects.get(slug="kent"), period="2019/20")
    chart = {"measure": offences.pk, "periods": {"count": "0"}, "caption": ""}
    data = story_form(title="Offences rise", body=[("figure_chart", chart)])
    data["body-0-value-forces"] = [wiltshire.pk, hampshire.pk]  # ticked in the list
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    assert client.post(url, data).status_code == 302
    story = ArticlePage.objects.get(slug="offences-rise").get_latest_revision_as_object()
    assert story.body[0].value["forces"] == [hampshire, wiltshire]
    assert list(story.body[0].value["periods"]) == ["2018/19", "2019/20"]
    # Someone imports one unrelated earlier figure, for a third force.
    FigureFactory(
        measure=offences, force=PoliceForce.objects.get(slug="dorset"), period="2017/18", value=5
    )
    story = ArticlePage.objects.get(slug="offences-rise").get_latest_revision_as_object()
    assert list(story.body[0].value["periods"]) == ["2018/19", "2019/20"]
    assert publish_errors(story) == []


def test_forces_stored_by_the_old_list_of_choosers_are_read(offences, wiltshire, hampshire):
    old = [{"type": "item", "value": wiltshire.pk, "id": "a"}, {"type": "item", "value": 99999}]
    value = FigureTableBlock().to_python(
        {"measure": offences.pk, "forces": old, "periods": ["2019/20"], "caption": ""}
    )
    assert value["forces"] == [wiltshire]


def test_a_bad_period_in_a_table_is_refused(offences):
    block = FigureTableBlock()
    value = block.to_python(
        {"measure": offences.pk, "forces": [], "periods": ["2019-21"], "caption": ""}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def forces_widget(offences):
    html = FigureChartBlock().child_blocks["forces"].field.widget.render("forces", [], {"id": "x"})
    return BeautifulSoup(html, "html.parser").select_one("[data-forces-widget]")


def test_the_forces_are_one_list_grouped_by_nation_with_a_filter_box(offences):
    widget = forces_widget(offences)
    groups = [legend.get_text(strip=True) for legend in widget.select("legend")]
    assert groups == ["England", "Wales", "Scotland", "Northern Ireland", "Great Britain"]
    assert len(widget.select("input[type=checkbox]")) == PoliceForce.objects.count()
    assert widget.select_one("input[data-forces-filter]") is not None
    wales = widget.select("fieldset")[1]
    assert "Dyfed-Powys Police" in wales.get_text()


def test_the_list_knows_which_forces_and_periods_have_figures(offences, wiltshire, hampshire):
    coverage = json.loads(forces_widget(offences)["data-coverage"])
    assert coverage[str(offences.pk)] == {
        "forces": sorted([wiltshire.pk, hampshire.pk]),
        "periods": ["2018/19", "2019/20"],
    }


def comparison_force_widget(value=None):
    block = ArticleBodyBlock().child_blocks["figure_comparison"].child_blocks["force"]
    html = block.field.widget.render("body-0-value-force", value, {"id": "body-0-value-force"})
    return BeautifulSoup(html, "html.parser").select_one("[data-forces-widget]")


def test_a_comparisons_force_is_chosen_in_the_same_list_with_the_same_hint(
    offences, wiltshire, hampshire
):
    widget = comparison_force_widget(wiltshire.pk)
    # One force: a radio button per force, in the list by nation, with its filter box.
    assert len(widget.select("input[type=radio]")) == PoliceForce.objects.count()
    assert widget.select_one("input[type=radio][checked]")["value"] == str(wiltshire.pk)
    assert widget.select_one("input[data-forces-filter]") is not None
    # The hint beside it: which forces and periods have figures for the measure chosen, from
    # the same lookup as a table's or chart's.
    assert widget.select_one("[data-forces-hint]") is not None
    assert json.loads(widget["data-coverage"])[str(offences.pk)] == {
        "forces": sorted([wiltshire.pk, hampshire.pk]),
        "periods": ["2018/19", "2019/20"],
    }
    assert json.loads(widget["data-coverage"]) == json.loads(
        forces_widget(offences)["data-coverage"]
    )


def test_a_comparison_stores_its_force_as_the_chooser_did(offences, wiltshire):
    block = ArticleBodyBlock().child_blocks["figure_comparison"]
    stored = {
        "measure": offences.pk,
        "force": wiltshire.pk,
        "period": "2019/20",
        "compare_with": "",
    }
    value = block.to_python(stored)
    assert value["force"] == wiltshire
    assert block.get_prep_value(block.clean(value)) == stored
    # What the form posts (the radio button's value) is read back as the force.
    field = block.child_blocks["force"]
    assert field.value_from_datadict({"f": str(wiltshire.pk)}, {}, "f") == wiltshire
