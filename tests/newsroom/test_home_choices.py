"""The home page as editors choose it: a lead story (the newest when none is chosen) and up
to four featured stories; no story appears twice on the page."""

from collections import Counter

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from statistics.models import PoliceForce
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(news_index):
    """Fifteen live stories, oldest first, all in Wiltshire."""
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    return [
        ArticlePageFactory(parent=news_index, title=f"Story {n:02d}", areas=[wiltshire])
        for n in range(15)
    ]


def choose(home, lead=None, featured=()):
    home.lead_story = lead
    home.featured_stories = [("story", story) for story in featured]
    home.save_revision().publish()


def home_page(client):
    return BeautifulSoup(client.get("/").content, "html.parser")


def titles(soup, selector):
    return [a.get_text(strip=True) for a in soup.select(f"{selector} .card__title a")]


def test_without_a_choice_the_newest_story_leads(client, home, stories):
    assert titles(home_page(client), ".home-lead") == ["Story 14"]


def test_the_chosen_lead_and_featured_stories_come_first(client, home, stories):
    choose(home, lead=stories[3], featured=[stories[0], stories[14], stories[7]])
    soup = home_page(client)
    assert titles(soup, ".home-lead") == ["Story 03"]
    assert titles(soup, ".home-featured") == ["Story 00", "Story 14", "Story 07"]
    latest = titles(soup, "section[aria-labelledby=latest-heading]")
    assert latest[:3] == ["Story 13", "Story 12", "Story 11"]
    assert not {"Story 03", "Story 00", "Story 14", "Story 07"} & set(latest)


def test_no_story_appears_twice(client, home, stories):
    choose(home, lead=stories[14], featured=[stories[14], stories[13], stories[2]])
    links = [a["href"] for a in home_page(client).select("main .card__title a")]
    assert links and Counter(links).most_common(1)[0][1] == 1
    assert len(links) == len(stories)


def test_a_lead_that_is_no_longer_live_gives_way_to_the_newest(client, home, stories):
    choose(home, lead=stories[3])
    stories[3].unpublish()
    assert titles(home_page(client), ".home-lead") == ["Story 14"]


def test_editors_choose_them_on_the_home_page_form(client, editor, home):
    client.force_login(editor)
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content, "html.parser"
    )
    assert soup.select_one("#id_lead_story") is not None
    assert "Up to 4 stories shown under the lead" in soup.get_text()
