"""Roles see only their work: someone whose role cannot edit stories (Helpline staff) finds
no headline of a draft or scheduled story anywhere the admin lets them go: the dashboard,
page choosers, searches, history and reports."""

import datetime
import re
from urllib.parse import urldefrag, urljoin

from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from newsroom.roles import ROLES
from tests.editorial import staff
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

DRAFT = "Embargoed draft headline"
SCHEDULED = "Embargoed scheduled headline"
NOT_STORY_ROLES = [name for name, grants in ROLES.items() if not grants.get("page_permissions")]

# Admin addresses no menu links to, which choosers and scripts call.
UNLINKED = [
    "/admin/choose-page/",
    "/admin/choose-page/search/?q=Embargoed",
    "/admin/pages/search/?q=Embargoed",
    "/admin/api/main/pages/?child_of=root&for_explorer=1",
    "/admin/api/main/pages/?search=Embargoed",
    "/admin/reports/site-history/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/page-types-usage/",
]
NEVER_FOLLOW = re.compile(r"/admin/(logout|account)/|/delete/|/unpublish/|/lock/|/unlock/")


@pytest.fixture
def embargoed(news_index):
    draft = ArticlePageFactory(parent=news_index, title=DRAFT, live=False)
    draft.save_revision()
    scheduled = ArticlePageFactory(parent=news_index, title=SCHEDULED, live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    return [draft, scheduled]


def reachable(client, limit=250):
    """Every admin page reachable by following links from the dashboard, plus UNLINKED,
    plus the chooser and explorer of each embargoed story's parent and the stories' own
    pages, as (url, response)."""
    queue = ["/admin/", *UNLINKED]
    seen = set()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        yield url, response
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in BeautifulSoup(response.content, "html.parser").select("a[href]"):
            target = urldefrag(urljoin(url, link["href"])).url
            if target.startswith("/admin/") and not NEVER_FOLLOW.search(target):
                queue.append(target)


@pytest.mark.parametrize("role", NOT_STORY_ROLES)
def test_no_embargoed_headline_reaches_a_role_that_does_not_edit_stories(
    client, embargoed, news_index, role
):
    client.force_login(staff(role, "someone"))
    direct = [f"/admin/choose-page/{news_index.pk}/", f"/admin/pages/{news_index.pk}/"] + [
        url
        for story in embargoed
        for url in (
            f"/admin/pages/{story.pk}/edit/",
            f"/admin/pages/{story.pk}/history/",
            f"/admin/pages/{story.pk}/revisions/compare/earliest...latest/",
            f"/admin/api/main/pages/{story.pk}/",
            f"/admin/choose-page/{story.pk}/",
        )
    ]
    leaks = []
    visited = 0
    for url, response in [*reachable(client), *((u, client.get(u)) for u in direct)]:
        visited += 1
        content = b"".join(response.streaming_content) if response.streaming else response.content
        body = content.decode(errors="replace")
        leaks += [(url, headline) for headline in (DRAFT, SCHEDULED) if headline in body]
    assert visited > 20
    assert leaks == []


def dashboard_lists(client):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return {section["id"] for section in soup.select("section.w-panel--dashboard[id]")}


def test_helpline_staff_get_only_the_helpline_list(client, helpline_staff, editor):
    client.force_login(helpline_staff)
    assert dashboard_lists(client) == {"helplines-to-verify-section"}
    client.force_login(editor)
    assert {"scheduled-stories-section", "stories-in-review-section"} <= dashboard_lists(client)


def chooser_titles(client, url):
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    is_json = response["Content-Type"] == "application/json"
    html = response.json()["html"] if is_json else response.content
    rows = BeautifulSoup(html, "html.parser").select("tbody td.title")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in rows]


@pytest.mark.parametrize(
    "url", ["/admin/choose-page/search/?q=Embargoed", "/admin/choose-page/{news_index}/"]
)
def test_page_choosers_list_pages_only_for_people_who_edit_them(
    client, embargoed, news_index, reporter, helpline_staff, url
):
    url = url.format(news_index=news_index.pk)
    client.force_login(reporter)
    titles = chooser_titles(client, url)
    assert any(DRAFT in title for title in titles)
    assert any(SCHEDULED in title for title in titles)
    client.force_login(helpline_staff)
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    if response.status_code == 200:
        assert chooser_titles(client, url) == []
    else:
        assert response.status_code == 404


def test_the_story_editor_is_guarded_as_wagtails_own_admin_views(client, news_index):
    """The editor and create views the newsroom puts in Wagtail's place
    (`articles/admin_views.py`) sign people in, keep roles out, and are never cached."""
    story = ArticlePageFactory(parent=news_index, title=DRAFT, live=False)
    urls = [
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(staff("Helpline staff"))
    for url in urls:
        response = client.get(url, follow=True)
        assert DRAFT not in response.content.decode()
        assert "permission" in response.content.decode().lower()
    client.force_login(staff("Editors"))
    response = client.get(urls[0])
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
