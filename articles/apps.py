from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from .signal_handlers import register_signal_handlers
        from .workflows import ensure_editor_review_workflow

        register_signal_handlers()
        # After newsroom's roles (its app comes first), once per migrate run.
        post_migrate.connect(
            ensure_editor_review_workflow, sender=self, dispatch_uid="articles.editor_review"
        )
