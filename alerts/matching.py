"""Which subscriptions an alert concerns: as a query (to queue deliveries) and as a test of
one subscription (to say in each message why it was sent, and what to unsubscribe from)."""

from django.db.models import Q

from .models import Alert, AlertKind, Follow, Subscription


def subscriptions_query(alert: Alert) -> Q:
    targets = alert.targets
    if alert.kind == AlertKind.STORY:
        return (
            Q(follow=Follow.AREA, force__in=targets.get("forces", []))
            | Q(follow=Follow.TOPIC, tag__in=targets.get("tags", []))
            | Q(follow=Follow.AUTHOR, author__in=targets.get("authors", []))
        )
    query = Q(pk__in=[])
    for line in targets.get("lines", []):
        query |= Q(follow=Follow.FIGURES, force=line["force"]) & (
            Q(measure__isnull=True) | Q(measure=line["measure"])
        )
    return query


def concerns(alert: Alert, subscription: Subscription) -> bool:
    targets = alert.targets
    if alert.kind == AlertKind.STORY:
        return (
            (subscription.follow == Follow.AREA and subscription.force_id in targets["forces"])
            or (subscription.follow == Follow.TOPIC and subscription.tag_id in targets["tags"])
            or (
                subscription.follow == Follow.AUTHOR
                and subscription.author_id in targets["authors"]
            )
        )
    return bool(figure_lines(alert, [subscription]))


def figure_lines(alert: Alert, subscriptions) -> list[str]:
    """The lines of a figures alert that these subscriptions follow."""
    followed = [s for s in subscriptions if s.follow == Follow.FIGURES]
    return [
        line["text"]
        for line in alert.targets.get("lines", [])
        if any(
            s.force_id == line["force"] and s.measure_id in (None, line["measure"])
            for s in followed
        )
    ]
