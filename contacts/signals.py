"""A helpline's own events, for the layers above: `helpline_published(instance)` once a
version is what readers see, `helpline_unpublished(instance)` once readers no longer see it.
Relayed from Wagtail's `published` and `unpublished`, which every snippet with drafts sends."""

from django.dispatch import Signal

helpline_published = Signal()
helpline_unpublished = Signal()


def relay_published(sender, instance, **kwargs):
    helpline_published.send(sender=sender, instance=instance)


def relay_unpublished(sender, instance, **kwargs):
    helpline_unpublished.send(sender=sender, instance=instance)
