"""The admin for forces, measures, sources and figures, under one "Statistics" menu with
the "Import figures" view."""

from django.urls import reverse_lazy

from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .importers import VALUE_CHANGED, value_change_data
from .models import Figure, Measure, PoliceForce, Source


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
