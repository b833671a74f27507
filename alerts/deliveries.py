"""An alert's deliveries, queued once its story is saved: one per subscriber it concerns."""

from django.utils import timezone

from articles.models import ArticlePage

from .matching import subscriptions_query
from .models import Alert, AlertKind, Delivery, Frequency, Subscription


def story_targets(story: ArticlePage) -> dict:
    return {
        "forces": list(story.areas.values_list("pk", flat=True)),
        "tags": list(story.tagged_items.values_list("tag_id", flat=True)),
        "authors": list(story.article_authors.values_list("author_id", flat=True)),
    }


def prepare(alert: Alert) -> None:
    """Queue one delivery per subscriber the alert concerns: instant when any of their
    matching subscriptions is, else for the daily digest. Safe to run again."""
    if alert.prepared_at:
        return
    if alert.kind == AlertKind.STORY and alert.story is not None and not alert.targets:
        alert.targets = story_targets(alert.story)
        alert.save(update_fields=["targets"])
    instant = {}
    matching = Subscription.objects.confirmed().filter(subscriptions_query(alert))
    for subscriber_id, frequency in matching.values_list("subscriber_id", "frequency"):
        instant[subscriber_id] = instant.get(subscriber_id, False) or frequency == Frequency.INSTANT
    Delivery.objects.bulk_create(
        [
            Delivery(alert=alert, subscriber_id=subscriber_id, digest=not is_instant)
            for subscriber_id, is_instant in instant.items()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    Alert.objects.filter(pk=alert.pk).update(prepared_at=timezone.now())
