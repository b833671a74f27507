"""Keep what readers and the search index see in step with changes made elsewhere.

- Wagtail's index task reloads a page from the database while it is being saved, before
  its topics and author credits are written, so a story published with new topics or
  authors would not be found by them: index it again once publishing has finished.
- `listed_at` marks a story as listed. Wagtail unpublishes (by an editor, or when a schedule
  expires) through a save of the base `Page`, which does not reach `ArticlePage.save`, so
  the mark is cleared here, and the story leaves the topic, area and author listings
  (`listed_stories`). A correction saved on its own moves the story's `changed_at`.
  Listing counts and sitemaps are cached until any story comes, changes or goes.
- The news index and the view restrictions are cached (`routing`): forgotten when they
  change or a page moves.
- A deleted story leaves the SQLite search table (PostgreSQL's vector goes with the row).
- When figures change (`statistics.signals.figures_changed`), the live stories that show
  them (the reference index) say so beside their byline, and their `dateModified` moves.
- Publishing and unpublishing are told to the layers above as the story's own events
  (`articles.signals`).
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from images.usage import live_pages_using
from statistics.models import Figure
from statistics.signals import figures_changed

from . import fulltext, routing
from .models import ArticleCorrection, ArticleIndexPage, ArticlePage, Author, ListedStory
from .pagination import listings_changed
from .signals import story_published, story_unpublished


def on_published(sender, instance, **kwargs):
    index.insert_or_update_object(instance)
    story_published.send(sender=ArticlePage, instance=instance)


def on_unpublished(sender, instance, **kwargs):
    ArticlePage.objects.filter(pk=instance.pk).update(listed_at=None)
    instance.listed_at = None
    ListedStory.objects.unplace(instance.pk)
    listings_changed()
    story_unpublished.send(sender=ArticlePage, instance=instance)


def relist_saved_article(sender, instance, update_fields=None, **kwargs):
    """A whole save (a publish, or a story written by code) can change what listings show."""
    if update_fields is None:
        listings_changed()


def forget_deleted_article(sender, instance, **kwargs):
    fulltext.remove_article(instance.pk)
    listings_changed()


def redate_corrected_article(sender, instance, **kwargs):
    stories = ArticlePage.objects.filter(pk=instance.page_id)
    article = stories.first()
    if article is not None:
        stories.update(changed_at=article.modified_at())
        listings_changed()


def stories_showing_figures(figure_ids):
    """The stories whose figure blocks show any of these figures."""
    pages = live_pages_using(Figure.objects.filter(pk__in=figure_ids))
    return ArticlePage.objects.filter(pk__in=[page.pk for page in pages])


def mark_figures_updated(sender, figure_ids, **kwargs):
    now = timezone.now()
    stories = stories_showing_figures(figure_ids).live()
    if stories.update(figures_updated_at=now, changed_at=now):
        listings_changed()


def connect():
    figures_changed.connect(mark_figures_updated, dispatch_uid="articles.figures_updated")
    for signal in (post_save, post_delete, page_unpublished):
        signal.connect(
            routing.forget_news_index,
            sender=ArticleIndexPage,
            dispatch_uid=f"articles.news-index-{id(signal)}",
        )
        signal.connect(
            routing.forget_view_restrictions,
            sender=PageViewRestriction,
            dispatch_uid=f"articles.restrictions-{id(signal)}",
        )
    post_page_move.connect(routing.forget_news_index, dispatch_uid="articles.news-index-moved")
    post_page_move.connect(
        routing.forget_view_restrictions, dispatch_uid="articles.restrictions-moved"
    )
    page_unpublished.connect(on_unpublished, sender=ArticlePage, dispatch_uid="articles.unlist")
    post_save.connect(relist_saved_article, sender=ArticlePage, dispatch_uid="articles.relist")
    post_delete.connect(forget_deleted_article, sender=ArticlePage, dispatch_uid="articles.forget")
    for signal in (post_save, post_delete):
        signal.connect(
            redate_corrected_article,
            sender=ArticleCorrection,
            dispatch_uid=f"articles.redate-{id(signal)}",
        )
    # Cached listing cards show authors' names and pictures: a change to either redraws them.
    for sender in (Author, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                listings_changed, sender=sender, dispatch_uid=f"articles.cards-{sender}-{signal}"
            )
    page_published.connect(
        on_published, sender=ArticlePage, dispatch_uid="articles.reindex_published"
    )
