from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class StatisticsConfig(AppConfig):
    name = "statistics"
    verbose_name = "Statistics"

    def ready(self):
        from .lookup import forget_cached
        from .models import Figure, Measure, PoliceForce, note_figure_deleted
        from .search_index import index_seeded

        for model in (PoliceForce, Measure):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_cached, sender=model, dispatch_uid=f"statistics.cache-{model.__name__}"
                )
        post_delete.connect(note_figure_deleted, sender=Figure, dispatch_uid="statistics.deleted")
        # The seeded forces into the search index the choosers search.
        post_migrate.connect(index_seeded, sender=self, dispatch_uid="statistics.index_seeded")
