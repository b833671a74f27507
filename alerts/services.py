"""What readers and the site do to subscriptions and alerts: sign up, confirm, unsubscribe,
forget; a story published, figures imported. Views, signal receivers and tasks call these."""

import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import ArticlePage
from statistics.change import Comparison
from statistics.models import Figure
from statistics.periods import previous_period

from . import tasks
from .models import (
    Alert,
    AlertKind,
    Subscriber,
    Subscription,
    site_url,
)

UNCONFIRMED_KEPT = datetime.timedelta(days=7)
# A story back-dated further than this is news no more: publishing it alerts nobody.
RECENT = datetime.timedelta(hours=48)


# Readers ----------------------------------------------------------------------------------


@transaction.atomic
def subscribe(*, email: str, follows: list[dict], frequency: str, requested_on: str):
    """The subscriber for `email` and the ids of its subscriptions still to confirm: those
    asked for now that were not confirmed before (their consent restarts now)."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email.lower())
    to_confirm = []
    for fields in follows:
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber,
            **dict.fromkeys(("force", "tag", "author", "measure")) | fields,
        )
        if subscription.confirmed_at is None:
            subscription.frequency = frequency
            subscription.requested_at = timezone.now()
            subscription.requested_on = requested_on[:300]
            subscription.save()
            to_confirm.append(subscription.pk)
    return subscriber, to_confirm


def confirm(subscriber: Subscriber, subscription_ids: list[int]) -> list[Subscription]:
    """Confirm what the link names (those still there); confirming twice changes nothing."""
    subscriptions = subscriber.subscriptions.filter(pk__in=subscription_ids)
    subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    return list(subscriptions)


@transaction.atomic
def unsubscribe(subscriber: Subscriber, subscription_ids: list[int]) -> None:
    """Delete the subscriptions, and the address with its last one."""
    subscriber.subscriptions.filter(pk__in=subscription_ids).delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()


def forget(subscriber: Subscriber) -> None:
    """Delete the address and everything it follows (what was sent keeps no address)."""
    subscriber.delete()


def delete_unconfirmed(now=None) -> int:
    """Sign-ups left unconfirmed for 7 days go, and addresses left with nothing to follow."""
    now = now or timezone.now()
    deleted, _ = Subscription.objects.unconfirmed_before(now - UNCONFIRMED_KEPT).delete()
    Subscriber.objects.without_subscriptions().filter(
        created_at__lt=now - UNCONFIRMED_KEPT
    ).delete()
    return deleted


# The site ---------------------------------------------------------------------------------


def story_published(story: ArticlePage) -> Alert | None:
    """Alert the story's followers, once: never again for the same story (republished, or
    corrected), nor for a story back-dated more than 48 hours, nor a private one."""
    if story.published_at() < timezone.now() - RECENT:
        return None
    if not ArticlePage.objects.filter(pk=story.pk).live().public().exists():
        return None
    _site, _root, path = story.get_url_parts()
    alert, created = Alert.objects.get_or_create(
        story=story,
        defaults={
            "kind": AlertKind.STORY,
            "subject": story.title,
            "summary": story.standfirst,
            "url": site_url() + path,
        },
    )
    if created:
        transaction.on_commit(lambda: tasks.prepare_alert.enqueue(alert.pk))
    return alert


def figures_imported(*, key: str, figures) -> Alert | None:
    """Alert the followers of the forces and measures of these newly imported or changed
    figures, once per import `key`: a line per force and measure, its newest figure set
    against the period before."""
    newest = {}
    for figure in Figure.objects.filter(pk__in=[f.pk for f in figures]).with_related():
        pair = (figure.force_id, figure.measure_id)
        if pair not in newest or figure.period_key > newest[pair].period_key:
            newest[pair] = figure
    if not newest:
        return None
    earlier = {
        (f.force_id, f.measure_id, f.period): f
        for f in Figure.objects.filter(
            force__in={f.force_id for f in newest.values()},
            measure__in={f.measure_id for f in newest.values()},
            period__in={previous_period(f.period) for f in newest.values()},
        )
    }
    lines = []
    for figure in sorted(newest.values(), key=lambda f: (f.measure.name, f.force.name)):
        lines.append(
            {
                "force": figure.force_id,
                "measure": figure.measure_id,
                "text": f"{figure.force.short_name}, {figure.measure.name}: "
                + figure_sentence(figure, earlier),
            }
        )
    measures = sorted({f.measure.name for f in newest.values()})
    alert, created = Alert.objects.get_or_create(
        import_key=key,
        defaults={
            "kind": AlertKind.FIGURES,
            "subject": "New police figures: " + ", ".join(measures),
            "url": site_url() + newest[min(newest)].measure.get_absolute_url(),
            "targets": {"lines": lines},
        },
    )
    if created:
        transaction.on_commit(lambda: tasks.prepare_alert.enqueue(alert.pk))
    return alert


def figure_sentence(figure: Figure, earlier: dict) -> str:
    unit = figure.measure.unit
    before = earlier.get((figure.force_id, figure.measure_id, previous_period(figure.period)))
    if before is None:
        return f"{figure.value:,} {unit} in {figure.period}"
    return Comparison(unit, figure.period, figure.value, before.period, before.value).sentence
