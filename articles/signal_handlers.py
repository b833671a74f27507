"""Keep what is derived from a story in step with it: search, listing dates, cached counts.

Wagtail's index task reloads the page from the database while the page is being saved,
before its topics and author credits are written, so a story published with new topics or
authors would not be found by them in the admin's search. Indexing again once publishing
has finished fixes that.

`published_at` marks a story as listed; Wagtail unpublishes (by an editor, or when a
schedule expires) through a save of the base `Page`, which does not reach `ArticlePage.save`,
so the mark is cleared here. Listing counts are cached until any story comes or goes.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from . import dates, fulltext
from .pagination import listings_changed


def reindex_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def unlist_unpublished_article(sender, instance, **kwargs):
    type(instance).objects.filter(pk=instance.pk).update(published_at=None)
    instance.published_at = None


def relist_saved_article(sender, instance, update_fields=None, **kwargs):
    """A whole save (a publish, or a story written by code) can change what listings show."""
    if update_fields is None:
        listings_changed()


def forget_deleted_article(sender, instance, **kwargs):
    fulltext.remove_article(instance.pk)


def redate_corrected_article(sender, instance, **kwargs):
    """A correction moves its story's last change (`modified_at`), however it was saved."""
    stories = sender._meta.get_field("page").related_model.objects.filter(pk=instance.page_id)
    article = stories.first()
    if article is not None:
        stories.update(modified_at=dates.modified_at(article))


def register_signal_handlers():
    from .models import ArticleCorrection, ArticlePage

    for signal in (post_save, post_delete):
        signal.connect(
            redate_corrected_article,
            sender=ArticleCorrection,
            dispatch_uid=f"articles.redate-{id(signal)}",
        )

    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
    page_unpublished.connect(
        unlist_unpublished_article, sender=ArticlePage, dispatch_uid="articles.unlist"
    )
    post_delete.connect(forget_deleted_article, sender=ArticlePage, dispatch_uid="articles.forget")
    post_save.connect(relist_saved_article, sender=ArticlePage, dispatch_uid="articles.relist")
    for signal in (page_unpublished, post_delete):
        signal.connect(
            listings_changed, sender=ArticlePage, dispatch_uid=f"articles.listings-{id(signal)}"
        )
