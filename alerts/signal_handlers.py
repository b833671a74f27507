"""Where alerts start: a story published (Wagtail's `page_published`), figures imported.

Republishing a story never alerts again, nor does a story back-dated more than 48 hours
(`services.story_published`).
"""

from django.db import transaction

from wagtail.signals import page_published

from articles.models import ArticlePage
from statistics.models import Figure
from statistics.signals import figures_imported as imported

from . import services


def story_published(sender, instance, **kwargs):
    services.story_published(instance)


def figures_imported(sender, source, **kwargs):
    """An import wrote figures in bulk: those of `source` it touched are the ones with the
    newest `updated_at` (one moment per import), which also names the import."""

    def alert():
        figures = Figure.objects.filter(source=source)
        newest = figures.order_by("-updated_at").values_list("updated_at", flat=True).first()
        if newest is not None:
            services.figures_imported(
                key=f"import-{source.pk}-{newest.isoformat()}",
                figures=list(figures.filter(updated_at=newest)),
            )

    transaction.on_commit(alert)


def connect():
    page_published.connect(story_published, sender=ArticlePage, dispatch_uid="alerts.story")
    imported.connect(figures_imported, dispatch_uid="alerts.figures")
