"""Readers who follow an area, topic, author or a force's figures by email, and the alerts
sent to them.

Personal data is the address, what it follows and when and how consent was given: nothing
else (no IP address, no name). A subscription is confirmed by the link mailed to the
address (double opt-in); a `Delivery` records one alert to one subscriber, before and after
the SMTP call, so that a worker that dies resumes without sending twice or skipping anyone
(`alerts/sending.py`).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from taggit.models import Tag
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Frequency(models.TextChoices):
    INSTANT = "instant", "As soon as it is published"
    DAILY = "daily", "A daily digest"


class Follow(models.TextChoices):
    AREA = "area", "Stories about an area"
    TOPIC = "topic", "Stories on a topic"
    AUTHOR = "author", "Stories by an author"
    FIGURES = "figures", "New police figures for an area"


class SubscriberQuerySet(models.QuerySet):
    def without_subscriptions(self):
        return self.filter(subscriptions__isnull=True)


class Subscriber(models.Model):
    """An email address that follows something. Deleted with its last subscription."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        # Only staff with `view_subscriber` (the "Subscribers" role) see addresses; the
        # alerts report shows everyone else counts (alerts/admin_views.py).
        default_permissions = ("view", "delete")

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment):
        return self.filter(confirmed_at__isnull=True, requested_at__lt=moment)


class Subscription(models.Model):
    """One thing an address follows, and the consent for it: when it was asked for, from
    which page, and when the emailed link confirmed it."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    follow = models.CharField(max_length=10, choices=Follow.choices)
    force = models.ForeignKey(
        "statistics.PoliceForce", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        "articles.Author", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    measure = models.ForeignKey(
        "statistics.Measure",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="For figures: one measure, or every measure when empty.",
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    requested_at = models.DateTimeField(default=timezone.now)
    requested_on = models.CharField(
        max_length=300, blank=True, help_text="The page whose form asked for it (consent)."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "follow", "force", "tag", "author", "measure"],
                name="one_subscription_per_follow",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """What a reader reads: "Stories about Wiltshire", "New figures for Wiltshire: …"."""
        if self.follow == Follow.AREA:
            return f"Stories about {self.force.short_name}"
        if self.follow == Follow.TOPIC:
            return f"Stories on {self.tag.name}"
        if self.follow == Follow.AUTHOR:
            return f"Stories by {self.author.name}"
        measure = f": {self.measure.name}" if self.measure_id else ""
        return f"New police figures for {self.force.short_name}{measure}"


class AlertKind(models.TextChoices):
    STORY = "story", "Story"
    FIGURES = "figures", "New figures"


class Alert(models.Model):
    """Something worth telling followers: a story published, or figures imported. What the
    message says is kept here as sent, so it does not change with the story afterwards."""

    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    story = models.OneToOneField(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alert",
        help_text="One alert per story, ever: republishing it sends nothing.",
    )
    import_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, help_text="The import it announces."
    )
    subject = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.URLField(max_length=500)
    # Who it concerns: {"forces": [ids], "tags": [ids], "authors": [ids]} for a story;
    # {"lines": [{"force": id, "measure": id, "text": "…"}]} for figures.
    targets = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    prepared_at = models.DateTimeField(
        null=True, blank=True, help_text="When its deliveries were all queued."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled (unsubscribed)"


class Delivery(models.Model):
    """One alert to one subscriber. `sending` with a lease that has run out is a batch whose
    worker died: it is claimed again (`alerts/sending.py`)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    digest = models.BooleanField(default=False, help_text="Waits for the daily digest.")
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["alert", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["alert", "status"], name="delivery_alert_status")]

    def __str__(self):
        return f"{self.alert} → {self.subscriber_id}: {self.status}"


@register_setting(icon="mail")
class AlertSettings(BaseSiteSetting):
    """When the daily digest goes out."""

    digest_time = models.TimeField(
        default=datetime.time(7, 0),
        help_text="Daily digests are sent at this time (UK time) each day.",
    )
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "email alerts"


def site_url() -> str:
    return settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL
