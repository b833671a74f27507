from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacts"

    def ready(self):
        from wagtail.signals import published, unpublished

        from .models import Helpline, forget_published_helplines
        from .signals import relay_published, relay_unpublished

        for signal in (post_save, post_delete):
            signal.connect(
                forget_published_helplines,
                sender=Helpline,
                dispatch_uid=f"contacts.published-{id(signal)}",
            )
        published.connect(relay_published, sender=Helpline, dispatch_uid="contacts.published")
        unpublished.connect(relay_unpublished, sender=Helpline, dispatch_uid="contacts.unpublished")
