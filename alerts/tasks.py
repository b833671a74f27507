"""The alerts' background work, as django-tasks tasks run by the task worker: queue an
alert's deliveries and send them, send a day's digests, and mail a reader a link. Arguments
are ids (task arguments are JSON); each task is safe to run twice (`alerts/sending.py`).
Retries and deliveries left by a worker that died are picked up by `send_alerts`, which
the scheduler runs every minute."""

from django_tasks import task

from . import deliveries, emails, sending
from .models import Alert, Delivery, Subscriber


@task()
def prepare_alert(alert_id: int) -> None:
    alert = Alert.objects.filter(pk=alert_id).select_related("story").first()
    if alert is not None:
        deliveries.prepare(alert)
        deliver_alert.call(alert_id)


@task()
def deliver_alert(alert_id: int) -> None:
    sending.deliver(Delivery.objects.filter(alert_id=alert_id, digest=False))


@task()
def send_digests() -> None:
    sending.deliver(Delivery.objects.filter(digest=True), group_by_subscriber=True)


@task()
def send_confirmation(subscriber_id: int, subscription_ids: list[int]) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    subscriptions = list(subscriber.subscriptions.filter(pk__in=subscription_ids))
    if subscriptions:
        emails.confirmation(subscriber, subscriptions).send()


@task()
def send_my_data_link(subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        emails.my_data_link(subscriber).send()
