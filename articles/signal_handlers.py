"""Keep what is derived from a story in step with it: search, listing dates, cached counts.

Wagtail's index task reloads the page from the database while the page is being saved,
before its topics and author credits are written, so a story published with new topics or
authors would not be found by them in the admin's search. Indexing again once publishing
has finished fixes that.

`published_at` marks a story as listed; Wagtail unpublishes (by an editor, or when a
schedule expires) through a save of the base `Page`, which does not reach `ArticlePage.save`,
so the mark is cleared here. Listing counts are cached until any story comes or goes.
"""

from django.db.models.signals import post_delete

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from . import fulltext
from .pagination import listings_changed


def reindex_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def unlist_unpublished_article(sender, instance, **kwargs):
    type(instance).objects.filter(pk=instance.pk).update(published_at=None)
    instance.published_at = None


def forget_deleted_article(sender, instance, **kwargs):
    fulltext.remove_article(instance.pk)


def register_signal_handlers():
    from .models import ArticlePage

    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
    page_unpublished.connect(
        unlist_unpublished_article, sender=ArticlePage, dispatch_uid="articles.unlist"
    )
    post_delete.connect(forget_deleted_article, sender=ArticlePage, dispatch_uid="articles.forget")
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(
            listings_changed, sender=ArticlePage, dispatch_uid=f"articles.listings-{id(signal)}"
        )
