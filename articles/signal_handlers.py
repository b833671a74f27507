"""Keep what readers and the search index see in step with changes made elsewhere.

- Wagtail's index task reloads a page from the database while it is being saved, before
  its topics and author credits are written, so a story published with new topics or
  authors would not be found by them: index it again once publishing has finished.
- A helpline is published, unpublished or deleted: ask the cache in front of pages, when
  one is configured, to drop every live story that shows it. The stories are found before
  a deletion removes what points to them, and purged after the commit, so the cache cannot
  refetch a page that is not yet changed.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail.signals import page_published, published, unpublished

from contacts.blocks import shows_helplines_by_area
from contacts.models import Helpline

from .models import ArticlePage


def reindex_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def pages_showing_helpline(helpline: Helpline) -> list[Page]:
    """Live pages on which this helpline appears: chosen in a block (found through Wagtail's
    reference index) or listed by area (stories covering its area, or any story for a UK-wide
    helpline, whose body lists helplines by area)."""
    chosen_by = ReferenceIndex.get_references_to(helpline).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    pages = {
        page.pk: page
        for page in Page.objects.live().filter(
            pk__in=[int(pk) for pk in chosen_by.values_list("object_id", flat=True)]
        )
    }
    by_area = ArticlePage.objects.live().only("pk", "url_path", "body")
    if helpline.area_id is not None:
        by_area = by_area.filter(areas=helpline.area_id)
    for page in by_area.iterator():
        if page.pk not in pages and shows_helplines_by_area(page.body):
            pages[page.pk] = page
    return sorted(pages.values(), key=lambda page: page.pk)


def purge_pages_showing_helpline(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    pages = pages_showing_helpline(instance)
    if pages:
        transaction.on_commit(lambda: purge_pages_from_cache(pages))


def connect():
    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
    for signal in (published, unpublished, pre_delete):
        signal.connect(
            purge_pages_showing_helpline,
            sender=Helpline,
            dispatch_uid=f"articles.helpline-purge-{id(signal)}",
        )
