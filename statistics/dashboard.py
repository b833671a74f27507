"""Dashboard list for the people who import figures: the latest imports, who ran them, and
what they changed (read from the sources' history, one entry per import)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import ModelLogEntry

from .admin_views import IMPORT_PERMISSIONS
from .importers import IMPORTED

SHOWN = 5


def imported_message(data) -> str:
    return f"Imported figures: {data['created']:,} new, {data['updated']:,} changed"


def by(entry) -> str:
    return f"by {entry.user_display_name}" if entry.user_id else "from the command line"


class LatestFigureImports:
    name = "latest-figure-imports"
    heading = "Latest figure imports"
    label_heading = "Source"
    detail_heading = "Imported"
    empty_text = "No figures have been imported yet."
    order = 110

    @staticmethod
    def is_shown_to(user):
        return user.has_perms(IMPORT_PERMISSIONS)

    @staticmethod
    def rows(user):
        entries = ModelLogEntry.objects.filter(action=IMPORTED).select_related("user")
        return [
            {
                "label": entry.label,
                "url": reverse("wagtailsnippets_statistics_source:edit", args=[entry.object_id]),
                "detail": (
                    f"{imported_message(entry.data)}; {by(entry)}, "
                    f"{date_format(timezone.localtime(entry.timestamp), 'j F Y, H:i')}"
                ),
            }
            for entry in entries.order_by("-timestamp")[:SHOWN]
        ]
