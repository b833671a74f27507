"""Forces, measures, sources and figures in the Wagtail admin, the figures' history, and
the "Import figures" view, all under one "Statistics" menu; which pages show them."""

from django.urls import path

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import admin_views, needed, pages_showing
from .dashboard import imported_message
from .importers import IMPORTED, VALUE_CHANGED
from .models import Figure, Measure, PoliceForce, Source
from .viewsets import StatisticsGroup

register_snippet(StatisticsGroup)


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {
        PoliceForce: pages_showing.force,
        Measure: pages_showing.measure,
        Source: pages_showing.source,
        Figure: pages_showing.figure,
    }


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("statistics/import/", admin_views.upload, name="statistics_import"),
        path("statistics/import/<int:pk>/", admin_views.status, name="statistics_import_status"),
        path(
            "statistics/import/<int:pk>/layout/",
            admin_views.layout,
            name="statistics_import_layout",
        ),
        path(
            "statistics/import/<int:pk>/confirm/",
            admin_views.confirm,
            name="statistics_import_confirm",
        ),
        path("statistics/figures-needed/", needed.ask_editors, name="statistics_figures_needed"),
    ]


@hooks.register("register_log_actions")
def register_figure_history(actions):
    @actions.register_action(VALUE_CHANGED)
    class ValueChanged(LogFormatter):
        label = "Change figure value"

        def format_message(self, log_entry):
            data = log_entry.data
            how = "by import" if data.get("via") == "import" else "in the admin"
            return f"Value changed from {data['old_value']:,} to {data['new_value']:,} ({how})"

    @actions.register_action(IMPORTED)
    class Imported(LogFormatter):
        label = "Import figures"

        def format_message(self, log_entry):
            return imported_message(log_entry.data)
