from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class StatisticsConfig(AppConfig):
    name = "statistics"
    verbose_name = "Statistics"

    def ready(self):
        from .lookup import forget_cached
        from .models import Measure, PoliceForce

        for model in (PoliceForce, Measure):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_cached, sender=model, dispatch_uid=f"statistics.cache-{model.__name__}"
                )
