"""Anonymous readers get pages from the page cache; a change clears exactly the pages that
show it, through Wagtail's frontend cache, as a task run after the change is committed."""

from django.core.cache import cache
from django.core.management import call_command

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest
from bs4 import BeautifulSoup
from django_tasks_db.management.commands import db_worker

from articles.models import ArticleCorrection
from tests.editorial import PASSWORD
from tests.factories import (
    ArticlePageFactory,
    FigureFactory,
    HelplineFactory,
    MeasureFactory,
)
from tests.statistics.streams import comparison

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_BROWSER_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the purge task is queued then)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_the_second_anonymous_get_is_served_from_the_cache(client, story):
    first = fetch(client, story.url)
    second = fetch(client, story.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=600"}


@pytest.mark.parametrize("header", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"])
def test_a_conditional_get_with_the_pages_own_validator_answers_304(client, story, header):
    first = fetch(client, "/news/feed/")
    validator = first["ETag"] if header == "HTTP_IF_NONE_MATCH" else first["Last-Modified"]
    again = client.get("/news/feed/", **{header: validator})
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/news/feed/", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


@pytest.mark.parametrize(
    "url", ["/search/?sort=figures", "/admin/login/", "/no-such-page/", "/news/?page=99"]
)
def test_unknown_parameters_the_admin_and_errors_are_never_cached(client, story, url):
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_signed_in_staff_are_never_served_or_stored_in_the_cache(client, story, editor):
    fetch(client, story.url)  # an anonymous reader fills the cache
    client.force_login(editor)
    response = fetch(client, story.url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert fetch(client, story.url)["X-Page-Cache"] == "hit"


def test_the_response_that_signs_staff_in_and_what_they_see_after_are_private(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert "private" in response["Cache-Control"]
    assert "private" in client.get("/robots.txt")["Cache-Control"]
    client.post("/admin/logout/")
    assert "private" not in client.get("/robots.txt").get("Cache-Control", "")


def test_publishing_a_story_shows_its_new_text_at_once_and_leaves_others_cached(
    client, commit, story, news_index
):
    other = ArticlePageFactory(parent=news_index, title="Another story")
    for url in (story.url, other.url, "/news/", "/", "/news/feed/"):
        fetch(client, url)
    commit(republish, story, title="Figures released, then corrected")
    fresh = fetch(client, story.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Figures released, then corrected" in text(fresh)
    for listing in ("/news/", "/", "/news/feed/"):
        response = fetch(client, listing)
        assert response["X-Page-Cache"] == "miss", listing
        assert b"Figures released, then corrected" in response.content
    assert fetch(client, other.url)["X-Page-Cache"] == "hit"


def test_search_results_are_cached_per_query_until_a_story_is_published(
    client, commit, story, news_index
):
    assert "Figures released" in text(fetch(client, "/search/?q=figures"))
    assert fetch(client, "/search/?q=figures")["X-Page-Cache"] == "hit"
    assert fetch(client, "/search/?q=wiltshire")["X-Page-Cache"] == "miss"  # its own entry
    commit(ArticlePageFactory, parent=news_index, title="New figures for the county")
    fresh = fetch(client, "/search/?q=figures")
    assert fresh["X-Page-Cache"] == "miss"
    assert "New figures for the county" in text(fresh)


def test_an_editors_pick_shows_in_cached_search_results_at_once(client, commit, story):
    fetch(client, "/search/?q=figures")
    query = Query.get("figures")
    commit(SearchPromotion.objects.create, query=query, page=story, description="Our pick")
    assert "Our pick" in text(fetch(client, "/search/?q=figures"))


def test_taking_a_topic_off_a_story_clears_that_topics_page(client, commit, story):
    topic_page = "/news/topic/crime/"
    assert "Figures released" in text(fetch(client, topic_page))
    story.topics.set(["Policing"])
    commit(republish, story)
    assert client.get(topic_page).status_code == 404  # no story carries the topic any more


def test_unpublishing_a_story_takes_it_off_its_area_page(client, commit, story):
    assert "Figures released" in text(fetch(client, "/news/area/wiltshire/"))
    commit(story.unpublish)
    assert "Figures released" not in text(fetch(client, "/news/area/wiltshire/"))
    assert client.get(story.url).status_code == 404


def test_deleting_a_story_clears_its_listings(client, commit, story):
    assert "Figures released" in text(fetch(client, "/news/"))
    commit(story.delete)
    assert "Figures released" not in text(fetch(client, "/news/"))


def test_renaming_an_author_updates_their_bylines(client, commit, story):
    author = story.authors[0]
    for url in (story.url, "/news/", author.get_absolute_url()):
        fetch(client, url)
    author.name = "Faye Tryhorn-Smith"
    commit(author.save)
    for url in (story.url, "/news/", "/authors/faye-tryhorn/"):
        assert "Faye Tryhorn-Smith" in text(fetch(client, url)), url


def test_correcting_a_figure_clears_the_stories_and_data_page_that_show_it(
    client, commit, news_index, wiltshire
):
    figure = FigureFactory(force=wiltshire, period="2019/20", value=63)
    FigureFactory(force=wiltshire, measure=figure.measure, period="2018/19", value=77)
    body = [{"type": t, "value": v} for t, v in [comparison(figure.measure, wiltshire)]]
    showing = ArticlePageFactory(parent=news_index, title="Showing it", body=body)
    other_measure = MeasureFactory(name="Something else")
    other = ArticlePageFactory(
        parent=news_index,
        title="Not showing it",
        body=[{"type": t, "value": v} for t, v in [comparison(other_measure, wiltshire)]],
    )
    data_page = figure.measure.get_absolute_url()
    for url in (showing.url, other.url, data_page):
        fetch(client, url)
    figure.value = 70
    commit(figure.save)
    assert "70 incidents in 2019/20" in text(fetch(client, showing.url))
    assert "70" in text(fetch(client, data_page))
    assert fetch(client, other.url)["X-Page-Cache"] == "hit"


def test_publishing_the_emergency_helpline_clears_every_page_footer(client, commit, story):
    fetch(client, story.url)
    fetch(client, "/news/")
    commit(HelplineFactory, name="Emergency services", number="112", kind="emergency")
    for url in (story.url, "/news/"):
        footer = BeautifulSoup(fetch(client, url).content, "html.parser").find(
            "footer", class_="site-footer"
        )
        assert "112" in footer.get_text(), url


def test_with_the_worker_stopped_publishing_works_and_the_purge_waits_for_it(
    client, commit, story, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections between tasks; inside the test's transaction that would
    # end the test's own connection on PostgreSQL.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    fetch(client, story.url)
    ArticleCorrection.objects.create(page=story, note="An earlier figure was wrong.")
    commit(republish, story, title="Figures released (corrected)")
    stale = fetch(client, story.url)
    assert stale["X-Page-Cache"] == "hit"  # the worker has not run yet
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    fresh = fetch(client, story.url)
    assert "Figures released (corrected)" in text(fresh)
