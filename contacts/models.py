"""The contacts snippet: helplines readers can call, kept by helpline staff."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import caches
from django.db import models
from django.db.models import Case, F, Q, Value, When

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from . import phone
from .phone import ACCEPTED_FORMS, UKPhoneNumberField


class HelplineKind(models.TextChoices):
    """In the order readers see them when a story lists helplines by area."""

    EMERGENCY = "emergency", "Emergency"
    POLICE_NON_EMERGENCY = "police-non-emergency", "Police non-emergency"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    SUPPORT = "support", "Support line"


class HelplineQuerySet(models.QuerySet):
    def published(self):
        """What readers may see. A live helpline's row holds its published version; drafts
        live only in revisions."""
        return self.filter(live=True)

    def for_areas(self, area_ids):
        """Helplines for any of these police-force areas, plus the UK-wide ones."""
        return self.filter(Q(area__in=list(area_ids)) | Q(area__isnull=True))

    def emergency_first(self):
        """Emergency, police, safeguarding, support; a local line before a UK-wide one."""
        rank = Case(
            *(When(kind=kind, then=Value(i)) for i, kind in enumerate(HelplineKind.values)),
            default=Value(len(HelplineKind.values)),
        )
        return self.alias(kind_rank=rank).order_by(
            "kind_rank", F("area").asc(nulls_last=True), "name"
        )


class Helpline(
    PreviewableMixin, LockableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model
):
    """A number readers can call, kept in one place by helpline staff and shown by stories.

    Staff prepare a change as a draft, preview it and publish it; stories show the published
    version only (see `HelplineQuerySet.published`).
    """

    name = models.CharField(
        max_length=120,
        unique=True,
        help_text="As readers know it, e.g. “Wiltshire Multi Agency Safeguarding Hub (MASH)”.",
    )
    number = UKPhoneNumberField(help_text=ACCEPTED_FORMS)
    kind = models.CharField(
        max_length=24,
        choices=HelplineKind.choices,
        help_text="A number that reaches the emergency services is always marked Emergency.",
    )
    when_to_call = models.CharField(
        max_length=300,
        help_text="Who should call and when, e.g. “A child is in immediate danger.”",
    )
    area = models.ForeignKey(
        "statistics.PoliceForce",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="helplines",
        help_text="The police-force area it serves. Leave empty for a UK-wide helpline.",
    )
    opening_hours = models.CharField(
        max_length=120, blank=True, help_text="E.g. “24 hours a day” or “Mon–Fri 9am–5pm”."
    )
    website = models.URLField(blank=True)
    last_verified = models.DateField(
        "last verified",
        null=True,
        blank=True,
        help_text="When someone last checked that the number reaches this service.",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="helpline")

    objects = HelplineQuerySet.as_manager()

    panels = [
        # A draft may leave fields empty, but never the name or the number.
        FieldPanel("name", required_on_save=True),
        FieldRowPanel([FieldPanel("number", required_on_save=True), FieldPanel("kind")]),
        FieldPanel("when_to_call"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("opening_hours")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("last_verified")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("when_to_call"),
        index.FilterField("kind"),
        index.FilterField("area"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.number and phone.is_emergency(self.number):
            self.kind = HelplineKind.EMERGENCY

    @property
    def is_emergency(self):
        return self.kind == HelplineKind.EMERGENCY or phone.is_emergency(self.number)

    @property
    def display_number(self):
        return phone.display(self.number)

    @property
    def tel_href(self):
        return phone.tel_href(self.number)

    def get_preview_template(self, request, mode_name):
        return "contacts/helpline_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "helpline": self}


PUBLISHED_KEY = "contacts:published-helplines"


def published_helplines() -> list[Helpline]:
    """Every published helpline, emergency first. Every page reads them (the footer's
    emergency number, the "How to report" blocks) and staff change them a few times a
    month, so they are cached until a helpline is saved or deleted (`apps.py`)."""
    return caches["site_objects"].get_or_set(
        PUBLISHED_KEY,
        lambda: list(Helpline.objects.published().emergency_first()),
        timeout=settings.OBJECT_CACHE_SECONDS,
    )


def forget_published_helplines(**kwargs):
    caches["site_objects"].delete(PUBLISHED_KEY)
