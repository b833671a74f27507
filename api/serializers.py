"""The shapes of forces, measures, sources, figures and helplines in the API."""

from rest_framework import serializers

from contacts.models import Helpline
from statistics.change import Change
from statistics.models import Figure, Measure, PoliceForce, Source


class ForceSerializer(serializers.ModelSerializer):
    ons_code = serializers.CharField(help_text="The ONS police force area code, or empty.")
    police_uk_id = serializers.CharField(help_text="The force's id at data.police.uk, or empty.")

    class Meta:
        model = PoliceForce
        fields = ["slug", "name", "short_name", "nation", "ons_code", "police_uk_id"]


class MeasureSerializer(serializers.ModelSerializer):
    data_url = serializers.SerializerMethodField(help_text="The measure's data page.")

    class Meta:
        model = Measure
        fields = ["slug", "name", "unit", "description", "good_news", "data_url"]

    def get_data_url(self, measure) -> str:
        return self.context["request"].build_absolute_uri(measure.get_absolute_url())


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(help_text="Where the source is published, or empty.")

    class Meta:
        model = Source
        fields = ["id", "publisher", "title", "date_published", "url"]


class FigureSerializer(serializers.ModelSerializer):
    """A figure with the one before it for the same force and measure, when there is one
    (from `context["previous"]`: the view fetches them for a whole page in one query)."""

    force = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    measure = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source = SourceSerializer(read_only=True)
    previous_period = serializers.SerializerMethodField()
    previous_value = serializers.SerializerMethodField()
    change_percent = serializers.SerializerMethodField(
        help_text="The change from the period before as a whole percent, or null."
    )
    direction = serializers.SerializerMethodField(help_text="up, down, same, or null.")

    class Meta:
        model = Figure
        fields = [
            "id",
            "force",
            "measure",
            "period",
            "value",
            "previous_period",
            "previous_value",
            "change_percent",
            "direction",
            "source",
            "updated_at",
        ]

    def _previous(self, figure) -> Figure | None:
        return self.context.get("previous", {}).get(figure.pk)

    def _change(self, figure) -> Change | None:
        previous = self._previous(figure)
        return Change(previous.value, figure.value) if previous else None

    def get_previous_period(self, figure) -> str | None:
        previous = self._previous(figure)
        return previous.period if previous else None

    def get_previous_value(self, figure) -> int | None:
        previous = self._previous(figure)
        return previous.value if previous else None

    def get_change_percent(self, figure) -> int | None:
        change = self._change(figure)
        return change.percent if change else None

    def get_direction(self, figure) -> str | None:
        change = self._change(figure)
        return change.direction if change else None


class HelplineSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The police-force area, or null: UK-wide."
    )
    display_number = serializers.CharField(help_text="As readers dial it: 0300 456 0108.")
    tel = serializers.CharField(source="tel_href", help_text="A tel: link: tel:+443004560108.")

    class Meta:
        model = Helpline
        fields = [
            "id",
            "name",
            "number",
            "display_number",
            "tel",
            "kind",
            "when_to_call",
            "area",
            "opening_hours",
            "website",
            "last_verified",
        ]
