from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from wagtail.search import index

from .periods import period_sort_key, validate_period


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    GREAT_BRITAIN = "great-britain", "Great Britain"


class PoliceForce(index.Indexed, models.Model):
    """A UK police force. The list is seeded by a data migration and rarely changes; the
    search index is filled after every migrate (`search_index.index_seeded`)."""

    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    ons_code = models.CharField(
        "ONS code",
        max_length=9,
        blank=True,
        help_text="The ONS police force area code, for example E23000038 for Wiltshire.",
    )
    police_uk_id = models.CharField(
        "data.police.uk id",
        max_length=60,
        blank=True,
        help_text="The force's id in the data.police.uk API, for example “wiltshire”.",
    )
    # When it was last saved: its name is in every download row of its figures.
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("short_name"),
        index.SearchField("slug"),
        index.FilterField("nation"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"], condition=~models.Q(ons_code=""), name="unique_force_ons_code"
            ),
            models.UniqueConstraint(
                fields=["police_uk_id"],
                condition=~models.Q(police_uk_id=""),
                name="unique_force_police_uk_id",
            ),
        ]

    def __str__(self):
        return self.name


class ForceAlias(models.Model):
    """Another way a publisher writes a force ("Met", "Beds"), so imports find it. Case,
    "&"/"and", punctuation and suffixes such as "Police" or "Constabulary" are ignored."""

    text = models.CharField(max_length=100, unique=True)
    force = models.ForeignKey(PoliceForce, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "force aliases"

    def __str__(self):
        return f"{self.text} → {self.force.short_name}"


class GoodNews(models.TextChoices):
    UP = "up", "A rise is good news"
    DOWN = "down", "A fall is good news"
    NEITHER = "neither", "Neither"


class Measure(index.Indexed, models.Model):
    """What is counted, for example “Online child sex offences recorded”."""

    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Its data page: /statistics/<slug>/"
    )
    unit = models.CharField(max_length=60, help_text="Plural, as in “63 incidents”.")
    description = models.TextField(blank=True)
    good_news = models.CharField(
        "good news when the figure goes",
        max_length=10,
        choices=GoodNews.choices,
        default=GoodNews.NEITHER,
        help_text="Most crime counts are neither: more reports can mean more confidence in police.",
    )
    # When it or the set of its figures last changed (a figure deleted): the downloads'
    # Last-Modified (`views.data_changed`).
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("statistics:measure", kwargs={"slug": self.slug})


class Source(models.Model):
    """Where figures come from: a publisher, a title and the date they were published."""

    publisher = models.CharField(max_length=160)
    title = models.CharField(max_length=255)
    date_published = models.DateField()
    url = models.URLField("URL", blank=True, max_length=500)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_published", "publisher"]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "title", "date_published"], name="unique_source"
            )
        ]

    def __str__(self):
        published = self.date_published
        return f"{self.publisher}: {self.title} ({published.day} {published:%B %Y})"


class FigureQuerySet(models.QuerySet):
    def chronological(self):
        return self.order_by("period_key", "period")

    def with_related(self):
        return self.select_related("force", "measure", "source")


class PeriodField(models.CharField):
    """A period (`2019/20`, `2020`), refused by forms and `full_clean` when it is not one.

    To migrations it is a plain `CharField` with no validator: the rule is today's code
    (`periods.validate_period`), and a migration that imported it would break the day the
    rule moves or changes.
    """

    default_validators = [validate_period]

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class Figure(models.Model):
    """One force's count of one measure in one period, with the source it came from."""

    # No index of its own: the unique constraint below starts with the force. (Every index
    # is written for each imported figure.)
    force = models.ForeignKey(
        PoliceForce, on_delete=models.PROTECT, related_name="figures", db_index=False
    )
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="figures")
    period = PeriodField(
        max_length=7,
        help_text="A financial year like 2019/20, or a calendar year like 2020.",
    )
    period_key = models.PositiveIntegerField(editable=False, db_index=True)
    value = models.PositiveBigIntegerField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "force", "period_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "measure", "period"], name="one_figure_per_force_measure_period"
            )
        ]

    def __str__(self):
        return f"{self.force.short_name}, {self.period}: {self.value:,} {self.measure.unit}"

    def save(self, *args, **kwargs):
        self.period = self.period.strip()
        self.period_key = period_sort_key(self.period)
        super().save(*args, **kwargs)


def note_figure_deleted(sender, instance, **kwargs):
    """A figure gone changes its measure's downloads: their Last-Modified must move on."""
    Measure.objects.filter(pk=instance.measure_id).update(updated_at=timezone.now())


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    CHECKING = "checking", "Checking"
    CHECKED = "checked", "Checked"
    WRITING = "writing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class PendingImport(models.Model):
    """An uploaded file of figures on its way through the admin's import: its column
    mapping, the source, and the progress and report of the task that checks or writes it."""

    RUNNING = (ImportStatus.CHECKING, ImportStatus.WRITING)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_publisher = models.CharField(max_length=160)
    source_title = models.CharField(max_length=255)
    source_date = models.DateField()
    source_url = models.URLField(blank=True, max_length=500)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_checked = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    failure = models.TextField(blank=True)

    def __str__(self):
        return f"{self.file_name}, uploaded {self.uploaded_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self):
        return self.status in self.RUNNING


class ImportChange(models.Model):
    """One figure a checked import would create (no old value) or change, listed on the
    confirmation page."""

    pending = models.ForeignKey(PendingImport, on_delete=models.CASCADE, related_name="changes")
    row = models.PositiveIntegerField()
    force = models.ForeignKey(PoliceForce, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7)
    old_value = models.PositiveBigIntegerField(null=True)
    new_value = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["row", "pk"]

    def __str__(self):
        return f"Row {self.row}: {self.old_value} → {self.new_value}"
