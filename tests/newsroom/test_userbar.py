"""Signed-in staff get Wagtail's user bar (edit link, checks, word count) on every public
page; readers never do, not even from the page cache, and their policy stays strict."""

from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory
from tests.security.test_headers import policy as directives

pytestmark = pytest.mark.django_db


def has_userbar(response):
    return BeautifulSoup(response.content, "html.parser").find("wagtail-userbar") is not None


@pytest.fixture
def story(news_index):
    return ArticlePageFactory(parent=news_index, title="Figures released")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("path", ["/", "/news/", "/search/?q=figures", "story"])
def test_staff_see_the_user_bar_on_public_pages(client, editor, story, path):
    client.force_login(editor)
    response = client.get(story.url if path == "story" else path)
    assert has_userbar(response)
    assert "private" in response["Cache-Control"]


def test_the_user_bar_links_to_the_story_editor(client, reporter, story):
    client.force_login(reporter)
    soup = BeautifulSoup(client.get(story.url).content, "html.parser")
    template = soup.find("template", id="wagtail-userbar-template")
    assert f"/admin/pages/{story.pk}/edit/" in template.decode_contents()


def test_readers_never_get_the_user_bar(client, story):
    assert not has_userbar(client.get(story.url))


def test_staff_pages_are_not_cached_and_readers_get_no_user_bar_from_the_cache(
    client, editor, story, page_cache
):
    client.force_login(editor)
    staff_view = client.get(story.url)
    assert has_userbar(staff_view)
    assert "X-Page-Cache" not in staff_view
    client.logout()
    reader = client.__class__()
    first, second = reader.get(story.url), reader.get(story.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert not has_userbar(first) and not has_userbar(second)


def test_the_policy_stays_strict_with_the_user_bar(client, editor, story):
    """The user bar loads its scripts and styles from this site, so staff pages need no
    inline allowance either."""
    client.force_login(editor)
    policy = client.get(story.url)["Content-Security-Policy"]
    assert directives(policy)["script-src"] == "'self'" and "unsafe-inline" not in policy
