from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Imported once the apps' models are loaded, as Django requires.
        from .roles import sync_roles
        from .workflows import ensure_editor_review_workflow

        # Once per migrate run: sent for this app, after every app's tables exist.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="newsroom.sync_roles")
        post_migrate.connect(
            ensure_editor_review_workflow, sender=self, dispatch_uid="newsroom.editor_review"
        )
