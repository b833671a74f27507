from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_delete, post_migrate, post_save


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Imported once the apps' models are loaded, as Django requires.
        from wagtail.models import Site
        from wagtail.signals import post_page_move

        from articles import seo

        from . import identity, purge
        from .checks import email_configured
        from .dates import register_typed_dates
        from .middleware import sites_changed
        from .models import HomePage
        from .roles import sync_roles
        from .site_url import apply_site_url
        from .spreadsheet_exports import neutralise_csv_exports
        from .workflows import ensure_editor_review_workflow

        checks.register(email_configured, checks.Tags.security, deploy=True)
        neutralise_csv_exports()
        # Before any admin form is built: every model date field keeps what is typed.
        register_typed_dates()
        purge.connect()
        identity.connect()
        seo.provide_identity(identity.for_request)
        post_migrate.connect(apply_site_url, sender=self, dispatch_uid="newsroom.site_url")
        # The cached Site and its home page are forgotten when either changes.
        for model in (Site, HomePage):
            for signal in (post_save, post_delete):
                signal.connect(
                    sites_changed, sender=model, dispatch_uid=f"newsroom.site-{model}-{signal}"
                )
        post_page_move.connect(sites_changed, dispatch_uid="newsroom.site-moved")

        # Once per migrate run: sent for this app, after every app's tables exist.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="newsroom.sync_roles")
        post_migrate.connect(
            ensure_editor_review_workflow, sender=self, dispatch_uid="newsroom.editor_review"
        )
