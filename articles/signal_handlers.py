"""Keep the search index whole when a story is published.

Wagtail's index task reloads the page from the database while the page is being saved,
before its topics and author credits are written, so a story published with new topics or
authors would not be found by them. Indexing again once publishing has finished fixes that.
"""

from wagtail.search import index
from wagtail.signals import page_published


def reindex_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def register_signal_handlers():
    from .models import ArticlePage

    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
