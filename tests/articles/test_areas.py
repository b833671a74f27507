"""Browsing by place: /news/area/ lists the areas that have stories, by nation; each area's
page shows that force's latest figure for every measure; the main navigation reaches news,
areas and the data pages."""

from django.core.cache import caches

import pytest
from bs4 import BeautifulSoup

from statistics.lookup import FORCES_KEY, forces_by_id
from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory, FigureFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def forces(wiltshire, hampshire):
    return {
        "wiltshire": wiltshire,
        "hampshire": hampshire,
        "dyfed-powys": PoliceForce.objects.get(slug="dyfed-powys"),
    }


def test_area_index_lists_areas_with_stories_by_nation(client, news_index, forces):
    ArticlePageFactory(parent=news_index, areas=[forces["wiltshire"], forces["dyfed-powys"]])
    ArticlePageFactory(parent=news_index, areas=[forces["wiltshire"]])
    ArticlePageFactory(parent=news_index, areas=[forces["hampshire"]], live=False)
    html = parse(client.get("/news/area/"))
    nations = {
        section.h2.get_text(): [li.get_text(" ", strip=True) for li in section.select("li")]
        for section in html.select("main section")
    }
    assert nations == {"England": ["Wiltshire 2 stories"], "Wales": ["Dyfed-Powys 1 story"]}
    assert html.select_one("main a")["href"] == "/news/area/wiltshire/"


def test_area_page_shows_the_latest_figure_of_every_measure_for_that_force(
    client, news_index, forces
):
    wiltshire = forces["wiltshire"]
    ArticlePageFactory(parent=news_index, areas=[wiltshire])
    offences = MeasureFactory(name="Online child sex offences recorded", unit="incidents")
    for period, value in [("2017/18", 50), ("2018/19", 77), ("2019/20", 63)]:
        FigureFactory(measure=offences, force=wiltshire, period=period, value=value)
    FigureFactory(measure=offences, force=forces["hampshire"], period="2020/21", value=9)
    officers = MeasureFactory(name="Police officers", unit="officers")
    FigureFactory(measure=officers, force=wiltshire, period="2020", value=1000)
    html = parse(client.get("/news/area/wiltshire/"))
    figures = [li.get_text(" ", strip=True) for li in html.select(".area-figures li")]
    assert figures == [
        "Online child sex offences recorded : 63 incidents in 2019/20, a drop of 18% from 77 in"
        " 2018/19 (source: NSPCC)",
        "Police officers : 1000 officers in 2020 (source: NSPCC)",
    ]
    links = [a["href"] for a in html.select(".area-figures a")]
    assert links == [offences.get_absolute_url(), officers.get_absolute_url()]


def test_main_navigation_reaches_news_areas_and_statistics(client, news_index):
    html = parse(client.get("/news/area/"))
    nav = [(a.get_text(), a["href"], a.get("aria-current")) for a in html.select(".site-nav a")]
    assert nav == [
        ("News", "/news/", None),
        ("Areas", "/news/area/", "page"),
        ("Statistics", "/statistics/", None),
    ]
    assert parse(client.get("/statistics/")).select_one(".site-nav [aria-current]").get_text() == (
        "Statistics"
    )


def test_area_index_is_in_the_sitemap_once_an_area_has_a_story(client, news_index, forces):
    assert b"/news/area/</loc>" not in client.get("/sitemap-listings.xml").content
    ArticlePageFactory(parent=news_index, areas=[forces["wiltshire"]])
    assert b"/news/area/</loc>" in client.get("/sitemap-listings.xml").content


def test_a_story_shows_its_areas_in_name_order_even_one_newer_than_the_cached_forces(
    client, news_index, forces
):
    """A story reads its areas from each process's list of forces; a force made since another
    process read that list is still shown, in its place by name."""
    story = ArticlePageFactory(parent=news_index, areas=[forces["wiltshire"], forces["hampshire"]])

    def areas():
        return parse(client.get(story.url)).select_one(".story__areas").get_text(strip=True)

    assert areas() == "Areas:Hampshire,Wiltshire"
    stale = forces_by_id()
    newer = PoliceForce.objects.create(
        name="Isle of Wight Constabulary", short_name="Isle of Wight", slug="isle-of-wight"
    )
    caches["site_objects"].set(FORCES_KEY, stale)  # as another process still holds it
    story.areas.add(newer)
    story.save_revision().publish()
    assert areas() == "Areas:Hampshire,Isle of Wight,Wiltshire"
