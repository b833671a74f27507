"""Where alerts start: a story published (Wagtail's `page_published`), figures imported.

Republishing a story never alerts again, nor does a story back-dated more than 48 hours
(`services.story_published`).
"""

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import ModelLogEntry
from wagtail.signals import page_published

from articles.models import ArticlePage
from statistics.importers import IMPORTED
from statistics.models import Figure

from . import services


def story_published(sender, instance, **kwargs):
    services.story_published(instance)


# LEAD: switch to the coming `statistics.signals.figures_imported` signal, passing its
# forces and measures' figures to `services.figures_imported`, and drop this receiver.
# Today the importer's only mark of an import is this entry in its Source's history; the
# figures it wrote are those of that source with the newest `updated_at` (one per import).
def figures_imported(sender, instance, created, **kwargs):
    if not created or instance.action != IMPORTED:
        return
    source_id = int(instance.object_id)

    def alert():
        figures = Figure.objects.filter(source_id=source_id)
        newest = figures.order_by("-updated_at").values_list("updated_at", flat=True).first()
        services.figures_imported(
            key=f"import-{instance.pk}", figures=list(figures.filter(updated_at=newest))
        )

    transaction.on_commit(alert)


def connect():
    page_published.connect(story_published, sender=ArticlePage, dispatch_uid="alerts.story")
    post_save.connect(figures_imported, sender=ModelLogEntry, dispatch_uid="alerts.figures")
