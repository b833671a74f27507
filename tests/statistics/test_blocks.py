"""The figure blocks as readers, editors and the publish guard rails see them."""

from django.test import RequestFactory
from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from statistics.blocks import FigureChartBlock, FigureComparisonBlock, FigureTableBlock
from tests.statistics.streams import comparison, table

pytestmark = pytest.mark.django_db
BODY = ArticleBodyBlock()


def value_of(block_data):
    kind, raw = block_data
    return kind, BODY.child_blocks[kind].to_python(raw)


def render(block_data, preview=False, user=None):
    kind, value = value_of(block_data)
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    if preview:
        request.is_preview = True
    return BeautifulSoup(
        BODY.child_blocks[kind].render(value, context={"request": request}), "html.parser"
    )


def test_comparison_says_the_change_and_names_the_source(offences, wiltshire, hampshire):
    html = render(comparison(offences, wiltshire))
    sentence = html.select_one(".stat__sentence").text
    assert sentence == "63 incidents in 2019/20, compared to 77 in 2018/19: a drop of 18%."
    assert "NSPCC, Freedom of Information request" in html.select_one(".stat__source").text
    assert html.select_one(".stat__source time")["datetime"] == "2020-09-03"
    assert html.select_one(".stat__more a")["href"] == "/statistics/online-offences/"
    hampshire_html = render(comparison(offences, hampshire))
    assert "an 89% increase" in hampshire_html.select_one(".stat__sentence").text


def test_comparison_with_a_chosen_earlier_period(offences, wiltshire):
    data = comparison(offences, wiltshire, "2019/20", compare_with="2018/19")
    assert "compared to 77 in 2018/19" in render(data).select_one(".stat__sentence").text


def test_a_missing_figure_is_discreet_for_readers_and_loud_in_preview(offences, wiltshire):
    data = comparison(offences, wiltshire, "2021/22")
    public = render(data)
    assert public.select_one(".stat__missing").text == "Figure not available."
    assert public.select_one(".stat__warning") is None
    preview = render(data, preview=True)
    warning = preview.select_one(".stat__warning").text
    assert "figure not available" in warning and "Wiltshire, 2021/22" in warning


def test_the_previews_advice_fits_the_role_of_whoever_reads_it(
    offences, wiltshire, reporter, editor
):
    data = comparison(offences, wiltshire, "2021/22")
    add = reverse("wagtailsnippets_statistics_figure:add")
    add_urls = [
        f"{add}?measure={offences.pk}&force={wiltshire.pk}&period={period}"
        for period in ("2021%2F22", "2020%2F21")  # the period and the one compared with
    ]
    told = render(data, preview=True, user=reporter).select_one(".stat__warning")
    assert "Ask an editor to add Wiltshire’s 2021/22 figure, Wiltshire’s 2020/21 figure" in (
        told.text
    )
    assert "Import" not in told.text
    assert [a["href"] for a in told.select("a")] == add_urls
    told = render(data, preview=True, user=editor).select_one(".stat__warning")
    assert "Add Wiltshire’s 2021/22 figure, Wiltshire’s 2020/21 figure, or choose" in told.text
    assert [a["href"] for a in told.select("a")] == add_urls


def test_comparison_refuses_a_later_period_to_compare_with(offences, wiltshire):
    kind, value = value_of(comparison(offences, wiltshire, "2018/19", compare_with="2019/20"))
    with pytest.raises(StructBlockValidationError) as raised:
        FigureComparisonBlock().clean(value)
    assert "compare_with" in raised.value.block_errors


def test_publish_errors_for_the_guard_rails(offences, wiltshire):
    block = FigureComparisonBlock()
    _, fine = value_of(comparison(offences, wiltshire))
    assert block.get_publish_errors(fine) == []
    _, missing = value_of(comparison(offences, wiltshire, "2021/22"))
    assert block.get_publish_errors(missing) == [
        "The figure comparison needs a figure that is not there: "
        "Online child sex offences recorded, Wiltshire, 2021/22.",
        "The figure comparison needs a figure that is not there: "
        "Online child sex offences recorded, Wiltshire, 2020/21.",
    ]
    _, backwards = value_of(comparison(offences, wiltshire, "2018/19", compare_with="2019/20"))
    assert block.get_publish_errors(backwards) == [
        "The figure comparison compares 2018/19 with 2019/20: "
        "the period compared with must be earlier."
    ]
    empty = block.to_python({"measure": None, "force": None, "period": "", "compare_with": ""})
    assert block.get_publish_errors(empty) == [
        "The figure comparison has no measure.",
        "The figure comparison has no force.",
        "The figure comparison has no period.",
    ]


@pytest.mark.parametrize("kind", ["figure_table", "figure_chart"])
def test_table_and_chart_publish_errors(offences, wiltshire, hampshire, kind):
    block = BODY.child_blocks[kind]
    _, fine = value_of(table(offences, kind=kind))
    assert block.get_publish_errors(fine) == []
    _, gap = value_of(table(offences, [wiltshire], ["2017/18", "2019/20"], kind=kind))
    what = kind.replace("_", " ")
    assert block.get_publish_errors(gap) == [
        f"The {what} needs a figure that is not there: "
        "Online child sex offences recorded, Wiltshire, 2017/18."
    ]
    _, bad = value_of(table(offences, periods=["2019-20"], kind=kind))
    assert block.get_publish_errors(bad) == [f"The {what}'s period “2019-20” is not valid."]


def test_table_is_accessible_with_a_change_column(offences):
    html = render(table(offences))
    assert html.select_one("caption").text.startswith("Online child sex offences recorded")
    assert [th.text for th in html.select("thead th")] == [
        "Force",
        "2018/19",
        "2019/20",
        "Change, 2018/19 to 2019/20",
    ]
    assert all(th["scope"] == "col" for th in html.select("thead th"))
    rows = [[c.text for c in tr.select("th, td")] for tr in html.select("tbody tr")]
    assert rows == [
        ["Hampshire Constabulary", "131", "247", "+89%"],
        ["Wiltshire Police", "77", "63", "−18%"],
    ]
    assert all(th["scope"] == "row" for th in html.select("tbody th"))
    assert all("num" in td["class"] for td in html.select("tbody td"))


def test_table_with_chosen_forces_and_periods(offences, wiltshire):
    html = render(table(offences, [wiltshire], ["2019/20"]))
    assert [[c.text for c in tr.select("th, td")] for tr in html.select("tbody tr")] == [
        ["Wiltshire Police", "63"]
    ]


def test_chart_is_an_svg_image_with_its_numbers_as_a_table(offences):
    html = render(table(offences, kind="figure_chart"))
    svg = html.select_one("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert "bar chart" in html.find(id=title_id).text
    assert "Wiltshire Police: 2018/19: 77, 2019/20: 63." in html.find(id=desc_id).text
    assert len(svg.select("rect")) == 4
    widths = {
        text.text: float(rect["width"])
        for rect, text in zip(svg.select("rect"), svg.select("text.stat-chart__value"), strict=True)
    }
    assert widths["2019/20: 247"] > widths["2018/19: 131"] > widths["2018/19: 77"]
    assert html.select_one(".visually-hidden table caption") is not None
    assert html.select_one("script") is None


def test_every_block_has_an_admin_preview_with_real_data(offences, admin_client):
    for name in ["figure_comparison", "figure_table", "figure_chart"]:
        block = BODY.child_blocks[name]
        assert block.meta.icon and block.meta.description and block.meta.template
        response = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one(".stat-table, .stat__sentence") is not None, name
        assert html.select_one(".stat__warning") is None


def test_preview_without_any_figures_warns_instead_of_failing(admin_client):
    block = BODY.child_blocks["figure_comparison"]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert "figure not available" in html.select_one(".stat__warning").text


def test_block_classes_are_the_ones_in_the_story_body():
    assert isinstance(BODY.child_blocks["figure_comparison"], FigureComparisonBlock)
    assert isinstance(BODY.child_blocks["figure_table"], FigureTableBlock)
    assert isinstance(BODY.child_blocks["figure_chart"], FigureChartBlock)


def test_a_chart_in_a_story_takes_its_ids_from_the_block_so_renders_are_identical(
    client, story_with_blocks, offences
):
    story = story_with_blocks(table(offences, kind="figure_chart"))
    block_id = story.body[0].id
    first, second = client.get(story.url).content, client.get(story.url).content
    assert first == second
    svg = BeautifulSoup(first, "html.parser").select_one("svg.stat-chart")
    assert svg["aria-labelledby"] == f"chart-{block_id}-title chart-{block_id}-desc"


def test_a_chart_rendered_alone_has_the_same_ids_every_time(offences):
    ids = {render(table(offences, kind="figure_chart")).svg["aria-labelledby"] for _ in range(2)}
    assert len(ids) == 1
