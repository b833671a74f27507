from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from . import signal_handlers
        from .roles import sync_roles

        signal_handlers.connect()

        # Once per migrate run: sent for this app, after every app's tables exist.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="newsroom.sync_roles")
