"""Helpline staff can do everything with helplines, and nothing else."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from wagtail.admin.search import admin_search_areas
from wagtail.snippets.models import get_snippet_models

import pytest

from articles.models import Author
from contacts.models import Helpline
from tests.editorial import admin_messages
from tests.factories import ArticlePageFactory, AuthorFactory, HelplineFactory

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
HELPLINE_ACTIONS = ["add", "change", "delete", "view", "publish", "lock", "unlock"]


def snippet_url(model, action, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}", args=args
    )


def helpline_data(**changes):
    return {
        "name": "Wiltshire MASH",
        "number": "0300 456 0108",
        "kind": "safeguarding",
        "when_to_call": "You are worried about a child.",
        **changes,
    }


def test_the_group_is_created_by_migrate_with_exactly_the_helpline_permissions():
    group = Group.objects.get(name="Helpline staff")
    assert sorted(
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
    ) == sorted(
        ["wagtailadmin.access_admin"] + [f"contacts.{a}_helpline" for a in HELPLINE_ACTIONS]
    )


def test_staff_sign_in_to_the_admin_and_see_only_helplines(helpline_staff_client):
    HelplineFactory(name="Childline")
    listing = helpline_staff_client.get(snippet_url(Helpline, "list"))
    assert "Childline" in listing.content.decode()
    response = helpline_staff_client.get(snippet_url(Author, "list"), follow=True)
    assert response.resolver_match.url_name == "wagtailadmin_home"
    assert "Sorry, you do not have permission to access this area." in admin_messages(response)


def test_staff_add_publish_change_lock_unlock_and_delete_helplines(
    helpline_staff_client, helpline_staff
):
    response = helpline_staff_client.post(snippet_url(Helpline, "add"), helpline_data(**PUBLISH))
    assert response.status_code == 302
    helpline = Helpline.objects.get()
    assert helpline.live

    helpline_staff_client.post(
        snippet_url(Helpline, "edit", helpline.pk),
        helpline_data(number="0300 456 0199", **PUBLISH),
    )
    helpline.refresh_from_db()
    assert helpline.number == "+443004560199"

    helpline_staff_client.post(snippet_url(Helpline, "lock", helpline.pk))
    helpline.refresh_from_db()
    assert (helpline.locked, helpline.locked_by) == (True, helpline_staff)
    helpline_staff_client.post(snippet_url(Helpline, "unlock", helpline.pk))
    helpline.refresh_from_db()
    assert not helpline.locked

    helpline_staff_client.post(snippet_url(Helpline, "unpublish", helpline.pk))
    helpline.refresh_from_db()
    assert not helpline.live

    helpline_staff_client.post(snippet_url(Helpline, "delete", helpline.pk))
    assert not Helpline.objects.exists()


def test_staff_cannot_edit_stories(helpline_staff_client, helpline_staff, news_index):
    story = ArticlePageFactory(parent=news_index, title="Untouched")
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert helpline_staff_client.get(edit).status_code in (302, 403)
    helpline_staff_client.post(edit, {"title": "Changed", "slug": story.slug, "standfirst": "x"})
    story.refresh_from_db()
    assert story.title == "Untouched"
    assert not story.permissions_for_user(helpline_staff).can_edit()
    assert not news_index.permissions_for_user(helpline_staff).can_add_subpage()


def test_staff_cannot_edit_authors(helpline_staff_client, helpline_staff):
    author = AuthorFactory(name="Faye Tryhorn")
    assert helpline_staff_client.get(snippet_url(Author, "edit", author.pk)).status_code in (
        302,
        403,
    )
    helpline_staff_client.post(
        snippet_url(Author, "edit", author.pk), {"name": "Changed", "slug": author.slug}
    )
    author.refresh_from_db()
    assert author.name == "Faye Tryhorn"


def test_staff_cannot_add_change_or_delete_any_other_model(helpline_staff):
    """Covers every snippet and model there is or will be (authors, figures, …)."""
    others = [model for model in apps.get_models() if model is not Helpline]
    assert Author in others and set(get_snippet_models()) - {Helpline} <= set(others)
    allowed = [
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in others
        for action in ("add", "change", "delete")
        if helpline_staff.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    ]
    assert allowed == []
    assert helpline_staff.get_all_permissions() == {"wagtailadmin.access_admin"} | {
        f"contacts.{action}_helpline" for action in HELPLINE_ACTIONS
    }


def test_other_users_cannot_touch_helplines(helpline_staff_client, news_index):
    helpline = HelplineFactory(name="Wiltshire MASH")
    editor = get_user_model().objects.create_user("eddie", password="pw")
    editor.groups.add(Group.objects.get_or_create(name="No helplines")[0])
    helpline_staff_client.force_login(editor)
    response = helpline_staff_client.post(
        snippet_url(Helpline, "edit", helpline.pk), helpline_data(number="101", **PUBLISH)
    )
    assert response.status_code in (302, 403)
    helpline.refresh_from_db()
    assert helpline.number == "+443004560108"


def test_helpline_staffs_search_box_searches_helplines_and_editors_search_pages(
    client, helpline_staff, editor
):
    HelplineFactory(name="Wiltshire MASH")
    HelplineFactory(name="Childline")
    request = RequestFactory().get("/admin/")
    request.user = helpline_staff
    [first, *_] = admin_search_areas.search_items_for_request(request)
    assert first.label == "Helplines"
    client.force_login(helpline_staff)
    response = client.get(first.url, {"q": "MASH"})
    assert response.status_code == 200
    assert "Wiltshire MASH" in response.content.decode()
    assert "Childline" not in response.content.decode()
    request.user = editor
    assert admin_search_areas.search_items_for_request(request)[0].label == "Pages"
