"""The newsroom's staff roles: one Django group each, with exactly the permissions listed.

Declared here, in one place, and applied after every `migrate` (a `post_migrate` handler),
so a role changes by editing this file and a new app's permissions are granted as soon as
its models exist. Groups not named here are left alone.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.snippets.models import create_extra_permissions

from .models import HomePage

# "app_label.codename" for model permissions. Page permissions ("add", "change", "publish",
# …) are granted on the site's home page, so they cover every page beneath it; collection
# permissions (images, documents) on the root collection, so they cover every collection.
# Pictures are `images.Picture`, but Wagtail checks image permissions against its own
# `wagtailimages.Image` whatever the image model (`wagtail.images.permissions`): so they are
# `wagtailimages.*_image` here.
ROLES: dict[str, dict[str, list[str]]] = {
    # See and delete email-alert subscribers' addresses (everyone else sees counts).
    "Subscribers": {
        "permissions": [
            "wagtailadmin.access_admin",
            "alerts.view_subscriber",
            "alerts.delete_subscriber",
        ],
        "page_permissions": [],
    },
    "Helpline staff": {
        "permissions": [
            "wagtailadmin.access_admin",
            "contacts.add_helpline",
            "contacts.change_helpline",
            "contacts.delete_helpline",
            "contacts.view_helpline",
            "contacts.publish_helpline",
            "contacts.lock_helpline",
            "contacts.unlock_helpline",
        ],
        "page_permissions": [],
    },
    # Write stories and submit them to the "Editor review" workflow; never publish.
    "Reporters": {
        "permissions": ["wagtailadmin.access_admin", "articles.view_author"],
        "page_permissions": ["add", "change"],
        # Upload a picture for their story and choose it (Wagtail lets them edit their own).
        "collection_permissions": ["wagtailimages.add_image", "wagtailimages.choose_image"],
    },
    # Review, publish, schedule and unpublish stories (Wagtail's "publish" covers all three);
    # keep the authors and topics. They approve the review workflow's task (newsroom/workflows.py).
    "Editors": {
        "permissions": [
            "wagtailadmin.access_admin",
            "articles.add_author",
            "articles.change_author",
            "articles.delete_author",
            "articles.view_author",
            "taggit.add_tag",
            "taggit.change_tag",
            "taggit.delete_tag",
            "taggit.view_tag",
            # Figures and their imports (the import needs add and change on figures).
            "statistics.add_measure",
            "statistics.change_measure",
            "statistics.view_measure",
            "statistics.add_source",
            "statistics.change_source",
            "statistics.view_source",
            "statistics.add_figure",
            "statistics.change_figure",
            "statistics.delete_figure",
            "statistics.view_figure",
            # Other names for forces, as files spell them (Statistics › Force aliases).
            "statistics.add_forcealias",
            "statistics.change_forcealias",
            "statistics.delete_forcealias",
            "statistics.view_forcealias",
            # When the email alerts' daily digest goes out.
            "alerts.change_alertsettings",
        ],
        "page_permissions": ["add", "change", "publish"],
        "collection_permissions": [
            f"{app}.{action}_{model}"
            for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
            for action in ("add", "change", "delete", "choose")
        ],
    },
}


def permission_queryset(labels):
    pairs = [label.split(".", 1) for label in labels]
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in pairs]
        )
    }
    missing = sorted(set(labels) - set(found))
    if missing:
        raise LookupError(f"Unknown permissions in newsroom.roles: {', '.join(missing)}")
    return [found[label] for label in labels]


@transaction.atomic
def sync_roles(**kwargs):
    """Create or update each role's group so it has exactly its declared permissions."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    # Snippets' publish, lock and unlock permissions, which Wagtail creates after this app's turn.
    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"))
    home = HomePage.objects.first()
    root_collection = Collection.get_first_root_node()
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permission_queryset(grants.get("permissions", [])))
        page_permissions = set(grants.get("page_permissions", []))
        GroupPagePermission.objects.filter(group=group).exclude(
            page=home, permission__codename__in=[f"{p}_page" for p in page_permissions]
        ).delete()
        if home is not None:
            for codename in sorted(page_permissions):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=home,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=f"{codename}_page"
                    ),
                )
        collection_permissions = permission_queryset(grants.get("collection_permissions", []))
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=collection_permissions
        ).delete()
        # A database flushed by a test has no root collection until one is made.
        for permission in collection_permissions if root_collection else []:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
