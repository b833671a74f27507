from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

import pytest

from newsroom import roles


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
