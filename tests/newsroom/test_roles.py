import datetime
import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from taggit.models import Tag
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage, Author
from newsroom import roles
from tests.editorial import staff, story_form
from tests.factories import ArticlePageFactory


@pytest.mark.django_db
def test_sync_roles_grants_exactly_the_declared_permissions(monkeypatch, home):
    monkeypatch.setattr(
        roles,
        "ROLES",
        {"Testers": {"permissions": ["articles.change_author"], "page_permissions": ["add"]}},
    )
    group = Group.objects.create(name="Testers")
    group.permissions.add(*roles.permission_queryset(["articles.delete_author"]))
    roles.sync_roles()
    group.refresh_from_db()
    assert [p.codename for p in group.permissions.all()] == ["change_author"]
    grants = GroupPagePermission.objects.filter(group=group)
    assert [(g.page_id, g.permission.codename) for g in grants] == [(home.pk, "add_page")]


@pytest.mark.django_db
def test_unknown_permission_is_named(monkeypatch):
    monkeypatch.setattr(roles, "ROLES", {"Testers": {"permissions": ["articles.fly_author"]}})
    with pytest.raises(LookupError, match="articles.fly_author"):
        roles.sync_roles()


# What each role may do with the newsroom's models. A new model's permissions are one line each.
MODEL_PERMISSIONS = [
    ("Reporters", "wagtailadmin.access_admin", True),
    ("Reporters", "articles.view_author", True),
    ("Reporters", "articles.change_author", False),
    ("Reporters", "taggit.change_tag", False),
    ("Editors", "wagtailadmin.access_admin", True),
    ("Editors", "articles.add_author", True),
    ("Editors", "articles.change_author", True),
    ("Editors", "articles.delete_author", True),
    ("Editors", "taggit.add_tag", True),
    ("Editors", "taggit.change_tag", True),
    ("Editors", "taggit.delete_tag", True),
    ("Editors", "statistics.add_figure", True),
    ("Editors", "statistics.change_figure", True),
    ("Editors", "statistics.delete_figure", True),
    ("Editors", "statistics.change_measure", True),
    ("Editors", "statistics.change_source", True),
    ("Editors", "statistics.delete_measure", False),
    ("Editors", "statistics.add_forcealias", True),
    ("Editors", "statistics.change_forcealias", True),
    ("Editors", "statistics.delete_forcealias", True),
    ("Reporters", "statistics.change_forcealias", False),
    ("Reporters", "statistics.view_figure", False),
    ("Reporters", "statistics.change_figure", False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "permission", "granted"), MODEL_PERMISSIONS)
def test_each_role_has_its_model_permissions(role, permission, granted):
    assert staff(role).has_perm(permission) is granted


@pytest.mark.django_db
class TestReporters:
    @pytest.fixture(autouse=True)
    def sign_in(self, reporter_client, reporter):
        self.user = reporter

    def test_can_write_a_story_and_submit_it(self, client, news_index):
        add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
        assert client.get(add).status_code == 200
        client.post(add, story_form(title="Draft by a reporter", action="submit"))
        story = ArticlePage.objects.get(slug="draft-by-a-reporter")
        assert story.workflow_in_progress and not story.live

    def test_pressing_publish_does_not_publish(self, client, news_index):
        add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
        client.post(add, story_form(title="Eager reporter", action="publish"))
        assert not ArticlePage.objects.get(slug="eager-reporter").live

    def test_can_edit_a_colleagues_story(self, client, news_index):
        story = ArticlePageFactory(parent=news_index, title="A colleague's story")
        response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
        form = BeautifulSoup(response.content, "html.parser")
        assert form.select_one("#id_title")["value"] == "A colleague's story"

    @pytest.mark.parametrize("view", ["unpublish", "delete"])
    def test_cannot_unpublish_or_delete_a_live_story(self, client, news_index, view):
        story = ArticlePageFactory(parent=news_index)
        response = client.post(reverse(f"wagtailadmin_pages:{view}", args=[story.pk]))
        assert response["Location"] == reverse("wagtailadmin_home")
        story.refresh_from_db()
        assert story.live

    @pytest.mark.parametrize(
        "url", ["wagtailsnippets_articles_author:add", "wagtailsnippets_taggit_tag:list"]
    )
    def test_cannot_manage_authors_or_topics(self, client, url):
        assert client.get(reverse(url))["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
class TestEditors:
    @pytest.fixture(autouse=True)
    def sign_in(self, editor_client, editor):
        self.user = editor

    def test_can_publish(self, client, news_index):
        add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
        client.post(add, story_form(title="Straight to print", action="publish"))
        assert ArticlePage.objects.get(slug="straight-to-print").live

    def test_can_schedule(self, client, news_index):
        story = ArticlePageFactory(parent=news_index, live=False)
        go_live = timezone.localtime() + datetime.timedelta(days=1)
        client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            story_form(
                title=story.title,
                slug=story.slug,
                action="publish",
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            ),
        )
        story.refresh_from_db()
        assert not story.live
        assert story.scheduled_revision.approved_go_live_at.date() == go_live.date()

    def test_can_unpublish(self, client, news_index):
        story = ArticlePageFactory(parent=news_index)
        client.post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]))
        story.refresh_from_db()
        assert not story.live

    def test_can_manage_authors_and_topics(self, client):
        client.post(
            reverse("wagtailsnippets_articles_author:add"),
            {"name": "Faye Tryhorn", "slug": "faye-tryhorn", "role": "Reporter", "bio": ""},
        )
        assert Author.objects.filter(slug="faye-tryhorn").exists()
        client.post(reverse("wagtailsnippets_taggit_tag:add"), {"name": "child safety"})
        assert Tag.objects.filter(name="child safety").exists()


@pytest.mark.django_db
def test_reporters_upload_and_choose_pictures_and_editors_manage_them(client):
    from wagtail.images.permissions import permission_policy as images
    from wagtail.models import Collection

    from wagtail_factories import ImageFactory

    # In the root collection, like every upload here.
    someone_elses = ImageFactory(collection=Collection.get_first_root_node())
    reporter, editor = staff("Reporters"), staff("Editors")
    helpline_staff = staff("Helpline staff", username="harriet")
    assert images.user_has_permission_for_instance(editor, "delete", someone_elses)
    assert images.user_has_permission(reporter, "add")
    assert images.user_has_permission(reporter, "choose")
    assert not images.user_has_permission_for_instance(reporter, "change", someone_elses)
    assert not images.user_has_permission(helpline_staff, "choose")
    client.force_login(reporter)
    assert client.get(reverse("wagtailimages:add_multiple")).status_code == 200
    client.force_login(helpline_staff)
    assert client.get(reverse("wagtailimages:add_multiple")).status_code != 200


@pytest.mark.django_db
def test_the_roles_are_the_only_groups_and_editor_review_the_only_workflow(home):
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ROLES)
    assert [workflow.name for workflow in Workflow.objects.all()] == ["Editor review"]
    assert [task.name for task in Task.objects.all()] == ["Editor review"]
    assert Page.get_first_root_node().get_workflow() is None
    assert home.get_workflow().name == "Editor review"


@pytest.mark.django_db
def test_wagtails_moderators_become_editors_and_their_workflow_goes():
    """What the migration does to a site where Wagtail's defaults were in use."""
    moderators = Group.objects.create(name="Moderators")
    moderator = staff("Reporters", "mo")
    moderator.groups.add(moderators)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=workflow)

    migration = importlib.import_module("newsroom.migrations.0005_remove_wagtail_moderators")
    migration.remove_moderators(django_apps, None)

    assert sorted(moderator.groups.values_list("name", flat=True)) == ["Editors", "Reporters"]
    assert not Group.objects.filter(name="Moderators").exists()
    assert [workflow.name for workflow in Workflow.objects.all()] == ["Editor review"]
    assert Page.get_first_root_node().get_workflow() is None
