from django.db import models


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    GREAT_BRITAIN = "great-britain", "Great Britain"


class PoliceForce(models.Model):
    """A UK police force. The list is seeded by a data migration and rarely changes."""

    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    nation = models.CharField(max_length=20, choices=Nation.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
