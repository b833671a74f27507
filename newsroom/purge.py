"""The one purge path: when something readers see changes, empty every cache of exactly the
pages that show it.

Which pages: each app declares them for its own models through the `register_pages_showing`
Wagtail hook, a function per model that returns paths and objects; an object stands for
every page that shows it, answered in turn (a picture is shown wherever the stories and
authors that use it are). A model may have answers from several apps (a story's listings
from `articles`, the home page and sitemaps from here), and a page type has its base
classes' answers too. `docs/architecture.md` shows how to declare a new content type.

When: a plain model when it is saved, a story or helpline when it is published or
unpublished (their apps' own signals; their drafts change nothing readers see), a page when
it moves, figures when imported, anything registered when it is deleted. A change queues
`purge_pages_showing`, a task run once the change is committed (so no cache can refill with
the old version): the task worker, not the editor's request, asks the registry and has
Wagtail's frontend cache purge the pages from every configured cache (our page cache,
Varnish, a CDN: `WAGTAILFRONTENDCACHE`). A deletion, and a publish that may take a story off
some listings, ask at once what shows the object before the change.
"""

from collections import defaultdict
from copy import copy
from functools import cache, partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save

from wagtail import hooks
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import DraftStateMixin, Page, Site
from wagtail.signals import page_slug_changed, post_page_move

from django_tasks import task

from articles.models import ArticlePage
from articles.signals import story_published, story_unpublished
from contacts.signals import helpline_published, helpline_unpublished
from statistics.signals import figures_imported

HOOK = "register_pages_showing"


@cache
def declarations() -> dict[type, list]:
    """Each registered model and the functions that say which pages show one of them."""
    found = defaultdict(list)
    for register in hooks.get_hooks(HOOK):
        for model, answer in register().items():
            found[model].append(answer)
    return dict(found)


@cache
def purged_when_saved() -> frozenset[type]:
    """The registered models that readers see as saved: not pages and snippets with drafts,
    which change for readers when published."""
    return frozenset(m for m in declarations() if not issubclass(m, (Page, DraftStateMixin)))


def paths_showing(obj, *, _seen=None) -> set[str]:
    """Every public address whose response shows `obj`."""
    seen = set() if _seen is None else _seen
    if (obj._meta.concrete_model, obj.pk) in seen:
        return set()
    seen.add((obj._meta.concrete_model, obj.pk))
    registry = declarations()
    paths = set()
    for model in type(obj).__mro__:
        for answer in registry.get(model, ()):
            for shown in answer(obj):
                paths |= {shown} if isinstance(shown, str) else paths_showing(shown, _seen=seen)
    return paths


def absolute_urls(paths) -> list[str]:
    """Paths as the public addresses that caches know them by."""
    if settings.SITE_URL:
        root = settings.SITE_URL
    else:
        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site else "http://localhost"
    return [path if "://" in path else root + path for path in sorted(paths)]


# Readers are waiting for it: run before the search and reference index updates queued with it.
PURGE_PRIORITY = 50


@task(priority=PURGE_PRIORITY)
def purge_pages_showing(model_label: str, pk, extra_paths: list[str]) -> list[str]:
    """Purge the pages that show the object now, plus `extra_paths` (those that showed it
    before the change); returns the paths purged."""
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    paths = set(extra_paths) | (paths_showing(obj) if obj is not None else set())
    purge_urls_from_cache_task.call(absolute_urls(paths))
    return sorted(paths)


def queue_purge(obj, extra_paths=()) -> None:
    """Purge the pages showing `obj` once the current transaction commits."""
    transaction.on_commit(
        partial(purge_pages_showing.enqueue, obj._meta.label, obj.pk, sorted(set(extra_paths)))
    )


# Signal handlers


def on_change(sender, instance, **kwargs):
    queue_purge(instance, getattr(instance, "_shown_before", ()))


def on_save(sender, instance, **kwargs):
    if sender in purged_when_saved():
        queue_purge(instance)


def on_delete(sender, instance, **kwargs):
    """Deleted: the pages are found now, while the references to it still exist."""
    queue_purge(instance, paths_showing(instance))


def remember_shown_before(sender, instance, update_fields=None, **kwargs):
    """Before a live story's whole save (publishing), note the pages that show it as stored,
    so that a listing it leaves (a topic, area or author taken off it) is purged too."""
    if instance.pk and update_fields is None and instance.live:
        instance._shown_before = paths_showing(instance)


def on_address_changed(sender, instance, instance_before=None, url_path_before=None, **kwargs):
    """Moved or renamed: the old address goes too."""
    before = copy(instance_before or instance)
    if url_path_before:
        before.url_path = url_path_before
    queue_purge(instance, {before.url} if before.url else ())


def on_figures_imported(sender, source, **kwargs):
    queue_purge(source)


def connect():
    uid = "newsroom.purge"
    post_save.connect(on_save, dispatch_uid=uid)
    for model in declarations():
        pre_delete.connect(on_delete, sender=model, dispatch_uid=uid)
    for event in (story_published, story_unpublished, helpline_published, helpline_unpublished):
        event.connect(on_change, dispatch_uid=uid)
    pre_save.connect(remember_shown_before, sender=ArticlePage, dispatch_uid=uid)
    for moved in (post_page_move, page_slug_changed):
        moved.connect(on_address_changed, dispatch_uid=uid)
    figures_imported.connect(on_figures_imported, dispatch_uid=uid)
