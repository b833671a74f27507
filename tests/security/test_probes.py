"""Probes that held when the site was attacked by hand, kept so they keep holding: stored
markup in every field an editor types, `javascript:` links, role escalation by crafted
POSTs, path traversal, and a forged Host header."""

import json

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage, Author
from images.models import Picture
from tests.editorial import quote, story_form
from tests.factories import AuthorFactory, HelplineFactory

pytestmark = pytest.mark.django_db

XSS = (
    '"><img src=x onerror=alert(1)></script><script>alert(2)</script>'
    '<a href="javascript:alert(3)">x</a>'
)


def assert_no_markup_from_editors(html, where):
    """Nothing an editor typed became an element, an event handler or a script link."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # still whole: the payload did not close it
        assert "alert(" not in (script.string or "") or script.get("type"), where
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), f"{where}: {element}"
            if name in {"href", "src", "action", "formaction"}:
                assert not value.strip().lower().startswith("javascript:"), f"{where}: {element}"
    assert not soup.select("img[src=x]"), where


def javascript_link_paragraph():
    """A paragraph as Draftail posts it, with a link entity to `javascript:` (what a crafted
    POST can send: the editor's own converter never would)."""
    content = {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "Click here",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 10, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(4)"}}
        },
    }
    return ("paragraph", json.dumps(content))


@pytest.fixture
def hostile_story(client, editor, news_index):
    """A story published through the admin by an editor who typed markup everywhere."""
    client.force_login(editor)
    author = AuthorFactory(name=f"Author {XSS}", role=f"Role {XSS}", slug="hostile")
    Author.objects.filter(pk=author.pk).update(bio=f"Bio {XSS}")
    image = Picture.objects.create(title="Picture", file=get_test_image_file())
    form = story_form(
        title=f"Headline {XSS}",
        slug="hostile",
        standfirst=f"Standfirst {XSS}",
        authors=[author],
        body=[
            javascript_link_paragraph(),
            ("heading", {"text": f"Heading {XSS}"[:120], "level": "h2"}),
            quote(f"Quote {XSS}", f"Speaker {XSS}"[:120], f"Org {XSS}"[:160]),
        ],
        hero_image=image.pk,
        hero_alt_text=f"Alt {XSS}",
        hero_caption=f"Caption {XSS}",
        hero_credit=f"Credit {XSS}"[:120],
        seo_title=f"SEO {XSS}",
        search_description=f"Description {XSS}",
        corrections=inline_formset([{"date": "2024-01-02", "note": f"Correction {XSS}"}]),
        action="publish",
    )
    form["topics"] = f"topic {XSS}"[:100]  # one topic (commas part topics), at most 100
    add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(add, form)
    client.logout()
    story = ArticlePage.objects.get(slug="hostile")
    assert story.live, "the hostile story should have been published"
    HelplineFactory(
        name=f"Helpline {XSS}"[:100],
        when_to_call=f"When {XSS}"[:200],
        opening_hours=f"Hours {XSS}"[:100],
    )
    return story


def test_markup_typed_by_editors_reaches_readers_as_text(client, hostile_story):
    story_page = client.get(hostile_story.url)
    assert story_page.status_code == 200
    text = BeautifulSoup(story_page.content, "html.parser").get_text()
    for typed in ("Headline", "Standfirst", "Caption", "Quote", "Correction"):
        assert f"{typed} {XSS}"[:60] in text
    urls = [
        hostile_story.url,
        "/",
        "/news/",
        "/authors/hostile/",
        "/search/?q=headline",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_markup_from_editors(response.content, url)


def test_a_crafted_javascript_link_is_not_kept(client, hostile_story):
    paragraph = hostile_story.body[0]
    assert paragraph.block_type == "paragraph"
    assert "javascript:" not in paragraph.value.source
    soup = BeautifulSoup(client.get(hostile_story.url).content, "html.parser")
    assert "Click here" in soup.get_text()


def test_helpline_websites_must_be_web_addresses():
    with pytest.raises(ValidationError, match="valid URL"):
        HelplineFactory(website="javascript:alert(1)")


def test_a_reporter_cannot_publish_with_a_crafted_post(client, reporter, news_index):
    client.force_login(reporter)
    add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    client.post(add, story_form(title="Sneaked out", action="publish"))
    story = ArticlePage.objects.get(slug="sneaked-out")
    assert not story.live
    client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        story_form(title="Sneaked out", action="publish"),
    )
    story.refresh_from_db()
    assert not story.live


def test_helpline_staff_cannot_create_stories(client, helpline_staff, news_index):
    client.force_login(helpline_staff)
    add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(add, story_form(title="Not theirs", action="publish"))
    assert response.status_code in {302, 403}
    assert not Page.objects.filter(slug="not-theirs").exists()


@pytest.mark.parametrize("role", ["reporter", "editor", "helpline_staff"])
def test_no_role_can_make_itself_a_superuser(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {"username": user.username, "email": user.email, "is_superuser": "on", "is_active": "on"},
    )
    client.post(reverse("wagtailusers_groups:add"), {"name": "Owners"})
    user.refresh_from_db()
    assert not user.is_superuser
    assert not user.groups.filter(name="Owners").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/static/../manage.py",
        "/static/..%2f..%2fmanage.py",
        "/media/..%2f..%2fmanage.py",
        "/statistics/..%2f..%2fmanage.py.csv",
        "/documents/1/..%2f..%2fmanage.py",
        "/authors/..%2f..%2fetc%2fpasswd/",
    ],
)
def test_paths_cannot_climb_out(client, home, url):
    response = client.get(url)
    assert response.status_code in {400, 404}
    assert b"DJANGO_SETTINGS_MODULE" not in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_an_uploaded_file_name_cannot_climb_out(client, editor, settings):
    client.force_login(editor)
    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile("../../evil.csv", b"a,b\n"),
            "collection": 1,
        },
    )
    (document,) = Document.objects.all()
    assert document.file.name.startswith("documents/")
    assert ".." not in document.file.name


@override_settings(ALLOWED_HOSTS=["newsroom.example"])
@pytest.mark.parametrize("url", ["/", "/news/feed/", "/sitemap.xml", "/admin/login/"])
def test_a_forged_host_is_refused(client, news_index, url):
    assert client.get(url, HTTP_HOST="attacker.example").status_code == 400
    assert client.get(url, HTTP_HOST="newsroom.example").status_code == 200
