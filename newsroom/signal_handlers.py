"""Keep pages fresh when a helpline is published, unpublished or deleted."""

from django.db.models.signals import pre_delete

from wagtail.signals import published, unpublished

from .models import Helpline
from .services import purge_pages_showing


def purge_pages(sender, instance, **kwargs):
    purge_pages_showing(instance)


def connect():
    for signal in (published, unpublished, pre_delete):
        signal.connect(purge_pages, sender=Helpline, dispatch_uid=f"helpline-purge-{id(signal)}")
