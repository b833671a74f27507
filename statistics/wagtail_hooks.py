"""Forces, measures, sources and figures in the Wagtail admin, the figures' history, and
the "Import figures" view, all under one "Statistics" menu."""

from django.urls import path, reverse_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .importers import IMPORTED, VALUE_CHANGED, value_change_data
from .models import Figure, Measure, PoliceForce, Source
from .panels import LatestFigureImportsPanel, imported_message


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(admin_views.IMPORT_PERMISSIONS)


class FigureEditView(EditView):
    """Records each change of a figure's value in its history: from what, to what."""

    def save_instance(self):
        old_value = self.form.initial.get("value")
        instance = super().save_instance()
        if old_value is not None and old_value != instance.value:
            log(
                instance=instance,
                action=VALUE_CHANGED,
                data=value_change_data(old_value, instance.value, via="admin"),
                content_changed=True,
            )
        return instance


class PoliceForceViewSet(SnippetViewSet):
    model = PoliceForce
    icon = "site"
    menu_label = "Police forces"
    list_display = ["name", "short_name", "nation"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name", "slug"]
    # All 46 forces on one alphabetical page of the chooser: quicker to scan than to page.
    chooser_per_page = 50


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "crosshairs"
    list_display = ["name", "unit", "good_news"]
    search_fields = ["name", "slug", "description"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    list_display = ["publisher", "title", "date_published"]
    list_filter = ["publisher", "date_published"]
    search_fields = ["publisher", "title", "notes"]


class FigureViewSet(SnippetViewSet):
    model = Figure
    icon = "decimal"
    edit_view_class = FigureEditView
    list_display = ["force", "measure", "period", "value", "source", "updated_at"]
    list_filter = ["measure", "force", "period", "source"]
    search_fields = ["force__name", "measure__name", "period", "source__publisher", "notes"]
    list_per_page = 50

    def get_queryset(self, request):
        return Figure.objects.with_related().order_by("measure__name", "force__name", "period_key")


class StatisticsGroup(SnippetViewSetGroup):
    items = (FigureViewSet, MeasureViewSet, SourceViewSet, PoliceForceViewSet)
    menu_icon = "table"
    menu_label = "Statistics"
    menu_name = "statistics"
    menu_order = 250

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            ImportMenuItem(
                "Import figures",
                reverse_lazy("statistics_import"),
                icon_name="upload",
                name="import-figures",
                order=500,
            ),
        ]


register_snippet(StatisticsGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("statistics/import/", admin_views.upload, name="statistics_import"),
        path(
            "statistics/import/<int:pk>/",
            admin_views.confirm,
            name="statistics_import_confirm",
        ),
    ]


@hooks.register("register_log_actions")
def register_figure_history(actions):
    @actions.register_action(VALUE_CHANGED)
    class ValueChanged(LogFormatter):
        label = "Change figure value"

        def format_message(self, log_entry):
            data = log_entry.data
            how = "by CSV import" if data.get("via") == "import" else "in the admin"
            return f"Value changed from {data['old_value']:,} to {data['new_value']:,} ({how})"

    @actions.register_action(IMPORTED)
    class Imported(LogFormatter):
        label = "Import figures"

        def format_message(self, log_entry):
            return imported_message(log_entry.data)


@hooks.register("construct_homepage_panels")
def add_import_panel(request, panels):
    if LatestFigureImportsPanel.is_shown_to(request.user):
        panels.append(LatestFigureImportsPanel(request.user))
