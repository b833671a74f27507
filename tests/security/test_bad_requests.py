"""Requests the site cannot answer get a 4xx, never a 500: crafted admin POSTs missing the
counts StreamField and inline panels send answer 400, and public pages, which only read,
answer 405 to anything but GET and HEAD."""

from django.urls import reverse

import pytest

from newsroom import story_sitemaps
from tests.editorial import story_form
from tests.factories import ArticlePageFactory, AuthorFactory, FigureFactory

pytestmark = pytest.mark.django_db


def without(data, *prefixes):
    return {k: v for k, v in data.items() if not k.startswith(prefixes)}


CRAFTED = {
    "no body at all": lambda form: without(form, "body"),
    "no block count": lambda form: without(form, "body-count"),
    "a count that is not a number": lambda form: {**form, "body-count": "many"},
    "a block without its type": lambda form: without(form, "body-0-type"),
}


@pytest.mark.parametrize("craft", CRAFTED.values(), ids=CRAFTED.keys())
@pytest.mark.parametrize("view", ["add", "edit"])
def test_crafted_story_posts_answer_400(client, editor, news_index, craft, view):
    story = ArticlePageFactory(parent=news_index, title="Untouched")
    url = {
        "add": reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk]),
        "edit": reverse("wagtailadmin_pages:edit", args=[story.pk]),
    }[view]
    client.force_login(editor)
    form = story_form(title="Crafted", authors=[AuthorFactory()])
    response = client.post(url, craft(form))
    assert response.status_code == 400
    story.refresh_from_db()
    assert story.title == "Untouched"


def test_a_crafted_post_without_the_authors_management_form_is_refused_calmly(
    client, editor, news_index
):
    story = ArticlePageFactory(parent=news_index, title="Untouched")
    client.force_login(editor)
    form = without(story_form(title="Crafted"), "article_authors-")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), form)
    assert response.status_code in {200, 400}
    story.refresh_from_db()
    assert story.title == "Untouched"


@pytest.fixture
def public_urls(news_index):
    story = ArticlePageFactory(parent=news_index, topics=["police"])
    author = story.authors[0]
    measure = FigureFactory().measure.slug
    return [
        "/",
        "/news/",
        story.url,
        "/news/topic/police/",
        "/news/feed/",
        "/news/feed/atom/",
        f"/authors/{author.slug}/",
        f"/authors/{author.slug}/feed/",
        f"/authors/{author.slug}/feed/atom/",
        "/search/?q=police",
        "/sitemap.xml",
        story_sitemaps.path(story_sitemaps.part_of(story.pk)),
        "/robots.txt",
        "/statistics/",
        f"/statistics/{measure}/",
        f"/statistics/{measure}.csv",
        f"/statistics/{measure}.json",
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_public_pages_answer_405_to_anything_but_get(client, public_urls, method):
    for url in public_urls:
        assert client.get(url).status_code == 200, url
        assert client.head(url).status_code == 200, url
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "GET, HEAD"
