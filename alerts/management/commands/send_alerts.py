"""Run by the scheduler every minute: resume deliveries whose worker died and retries that
are due, send the daily digests once their time has come, and delete sign-ups left
unconfirmed for 7 days."""

import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from alerts import services, tasks
from alerts.models import AlertSettings, Delivery, DeliveryStatus
from alerts.sending import claimable


class Command(BaseCommand):
    help = "Resume and retry alert deliveries, send due digests, delete stale sign-ups."

    def handle(self, *args, **options):
        now = timezone.now()
        # Queued a minute ago and still waiting: the task that should send it is gone.
        stuck = Q(
            status=DeliveryStatus.QUEUED, next_attempt_at__lt=now - datetime.timedelta(minutes=1)
        )
        due = Delivery.objects.filter(claimable(now)).filter(
            stuck | ~Q(status=DeliveryStatus.QUEUED) | Q(attempts__gt=0)
        )
        alert_ids = set(due.filter(digest=False).values_list("alert_id", flat=True).distinct())
        for alert_id in sorted(alert_ids):
            tasks.deliver_alert.enqueue(alert_id)
        digests = (
            self.digest_due(now) or due.filter(digest=True, status=DeliveryStatus.SENDING).exists()
        )
        if digests:
            tasks.send_digests.enqueue()
        deleted = services.delete_unconfirmed(now)
        self.stdout.write(
            f"{len(alert_ids)} alerts resumed, digests {'sent' if digests else 'not due'}, "
            f"{deleted} unconfirmed sign-ups deleted."
        )

    def digest_due(self, now) -> bool:
        """Once a day, at the time editors set (the default site's settings)."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return False
        settings = AlertSettings.for_site(site)
        local = timezone.localtime(now)
        if settings.last_digest_on == local.date() or local.time() < settings.digest_time:
            return False
        AlertSettings.objects.filter(pk=settings.pk).update(last_digest_on=local.date())
        return True
