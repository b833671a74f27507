from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacts"

    def ready(self):
        from .models import Helpline, forget_published_helplines

        for signal in (post_save, post_delete):
            signal.connect(
                forget_published_helplines,
                sender=Helpline,
                dispatch_uid=f"contacts.published-{id(signal)}",
            )
