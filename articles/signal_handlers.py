"""Keep what readers and the search index see in step with changes made elsewhere.

- Wagtail's index task reloads a page from the database while it is being saved, before
  its topics and author credits are written, so a story published with new topics or
  authors would not be found by them: index it again once publishing has finished.
"""

from wagtail.search import index
from wagtail.signals import page_published

from .models import ArticlePage


def reindex_published_article(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def connect():
    page_published.connect(
        reindex_published_article, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
