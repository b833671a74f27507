"""The story form: topics and areas on the Content tab, areas in one searchable list, a
warning (not a refusal) when a story goes live on no area or topic page, and the fields
publishing needs marked as such."""

from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage
from images.models import Picture
from statistics.models import PoliceForce
from tests.editorial import admin_messages, story_form
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_form(client, editor, news_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    return BeautifulSoup(client.get(url).content, "html.parser")


def tab_of(soup, selector):
    return soup.select_one(selector).find_parent(attrs={"role": "tabpanel"})["id"]


def test_topics_and_areas_are_on_the_content_tab(add_form):
    assert tab_of(add_form, "#id_topics") == "tab-content"
    assert tab_of(add_form, "#id_areas") == "tab-content"
    assert add_form.select_one("#tab-promote #id_areas") is None


def test_the_form_speaks_the_newsrooms_words(add_form):
    """Story, headline and topics, as the docs and readers say: not article, page title and
    tags."""
    assert " ".join(add_form.select_one("h1").get_text(" ", strip=True).split()) == "New: Story"
    title = add_form.select_one("#id_title")
    assert add_form.select_one("label[for=id_title]").get_text(strip=True) == "Headline*"
    assert title["placeholder"] == "Headline*"
    assert add_form.select_one("label[for=id_topics]").get_text(strip=True) == "Topics"


def test_areas_are_one_searchable_list_grouped_by_nation(add_form):
    areas = add_form.select_one("#id_areas")
    assert areas.select_one("input[data-forces-filter]") is not None
    assert len(areas.select("input[type=checkbox][name=areas]")) == PoliceForce.objects.count()
    assert areas.select_one("legend").get_text(strip=True) == "England"
    assert areas.get("data-coverage") is None  # no figures hint for a story's areas


def test_the_form_says_what_publishing_needs(add_form):
    help_texts = add_form.get_text(" ", strip=True)
    assert "An image needs one or the other to be published." in help_texts
    assert "Needed for the story to appear on topic pages." in help_texts
    assert "Needed for it to appear on area pages" in help_texts


def test_publishing_without_area_or_topic_warns_and_publishes(client, editor, news_index):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(
        url, story_form(authors=[AuthorFactory()], action="publish"), follow=True
    )
    assert ArticlePage.objects.get(slug="council-opens-new-library").live
    assert admin_messages(response)[0] == (
        "Published, but check: This story has no area: it will appear on no area page. "
        "This story has no topic: it will appear on no topic page."
    )


def test_areas_and_topics_chosen_on_the_form_are_saved(client, editor, news_index):
    client.force_login(editor)
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(
        url,
        story_form(
            authors=[AuthorFactory()], action="publish", topics="Libraries", areas=[wiltshire.pk]
        ),
        follow=True,
    )
    story = ArticlePage.objects.get(slug="council-opens-new-library")
    assert list(story.areas.all()) == [wiltshire]
    assert [tag.name for tag in story.topics.all()] == ["Libraries"]
    assert not any("but check" in message for message in admin_messages(response))


def test_topics_of_several_words_are_kept_whole_and_shown_without_quotes(
    client, editor, news_index
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(url, story_form(topics="child safety"))
    story = ArticlePage.objects.get(slug="council-opens-new-library")
    assert [tag.name for tag in story.topics.all()] == ["child safety"]
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form(topics='child safety, "online crime", Wiltshire'),
    )
    assert edit.status_code == 302
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert sorted(tag.name for tag in draft.topics.all()) == [
        "Wiltshire",
        "child safety",
        "online crime",
    ]
    page = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content, "html.parser"
    )
    assert page.select_one("#id_topics")["value"] == "Wiltshire, child safety, online crime"


@pytest.fixture
def picture(db):
    return Picture.objects.create(title="Picture", file=get_test_image_file(size=(160, 90)))


def test_a_draft_with_an_image_but_no_alt_text_saves(client, editor, news_index, picture):
    """So autosave never pauses on it: the alt text is asked for when publishing."""
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(url, story_form(hero_image=picture.pk, hero_alt_text=""))
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="council-opens-new-library").hero_image == picture


def test_publishing_a_story_with_an_image_needs_its_alt_text(client, editor, news_index, picture):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(
        url, story_form(hero_image=picture.pk, hero_alt_text="", action="publish")
    )
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one("[data-field-wrapper]:has(#id_hero_alt_text)")
    assert (
        field.select_one(".error-message")
        .get_text(strip=True)
        .startswith("Describe the image for people who cannot see it")
    )
    assert not ArticlePage.objects.filter(live=True).exists()
