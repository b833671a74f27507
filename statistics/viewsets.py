"""The admin for forces, measures, sources and figures, under one "Statistics" menu with
the "Import figures" view."""

from django.contrib import messages
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin import messages as admin_messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from images.usage import live_pages_using

from . import admin_views
from .forces import ForceNames
from .importers import VALUE_CHANGED, value_change_data
from .models import Figure, ForceAlias, Measure, PoliceForce, Source
from .needed import PREFILLED, add_figure_url
from .signals import figures_changed


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(admin_views.IMPORT_PERMISSIONS)


class FigureCreateView(CreateView):
    """The figure form filled in from its address (`needed.add_figure_url`: the preview's
    links for a missing figure), and, once saved, "Add another" for the same measure,
    source and period, so figures for several forces are added without choosing them again."""

    def get_initial(self):
        return {name: self.request.GET[name] for name in PREFILLED if self.request.GET.get(name)}

    def get_success_buttons(self):
        figure = self.object
        another = add_figure_url(
            measure=figure.measure_id, source=figure.source_id, period=figure.period
        )
        return [*super().get_success_buttons(), admin_messages.button(another, "Add another")]


class FigureEditView(EditView):
    """Records each change of a figure's value in its history: from what, to what. Warns,
    before and after, which live stories show the figure: a change shows in them at once."""

    def get(self, request, *args, **kwargs):
        stories = sorted(live_pages_using([self.object]), key=lambda page: page.title)
        if stories:
            names = ", ".join(f"“{story.title}”" for story in stories)
            messages.warning(
                request,
                f"Live stories show this figure: {names}. A change shows in them at once, "
                "and they will say “Figures updated on "
                f"{date_format(timezone.localdate(), 'j F Y')}”.",
            )
        return super().get(request, *args, **kwargs)

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
            figures_changed.send(sender=Figure, figure_ids=[instance.pk])
        return instance


class ForcesByNation:
    """The force chooser's list: grouped by nation (England first), with the nation shown."""

    ordering = ["nation", "name"]

    @property
    def columns(self):
        return [*super().columns, Column("nation", label="Nation", accessor="get_nation_display")]


class ForceChooseView(ForcesByNation, ChooseView):
    pass


class ForceChooseResultsView(ForcesByNation, ChooseResultsView):
    pass


class ForceChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ForceChooseView
    choose_results_view_class = ForceChooseResultsView


class PoliceForceViewSet(SnippetViewSet):
    model = PoliceForce
    icon = "site"
    menu_label = "Police forces"
    list_display = ["name", "short_name", "nation", "ons_code"]
    list_filter = ["nation"]
    search_fields = ["name", "short_name", "slug", "ons_code", "police_uk_id"]
    # All 46 forces on one page of the chooser, by nation: quicker to scan than to page.
    chooser_per_page = 50
    chooser_viewset_class = ForceChooserViewSet


class ForceAliasForm(WagtailAdminModelForm):
    """Refuses an alias that already names another force: an import must never guess."""

    def clean(self):
        data = super().clean()
        text, force = data.get("text"), data.get("force")
        if text and force:
            found = ForceNames(exclude_alias=self.instance.pk).resolve(text)
            if found.force is not None and found.force != force:
                self.add_error("text", f"“{text}” already names {found.force}.")
            elif found.ambiguous:
                self.add_error("text", f"“{text}” already names {', '.join(found.ambiguous)}.")
        return data


class ForceAliasViewSet(SnippetViewSet):
    model = ForceAlias
    icon = "link"
    menu_label = "Force aliases"
    list_display = ["text", "force"]
    list_filter = ["force"]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [
            FieldPanel("text", help_text="As the file writes it, for example “Met” or “Beds”."),
            FieldPanel("force"),
        ],
        base_form_class=ForceAliasForm,
    )


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
    add_view_class = FigureCreateView
    edit_view_class = FigureEditView
    list_display = ["force", "measure", "period", "value", "source", "updated_at"]
    list_filter = ["measure", "force", "period", "source"]
    search_fields = ["force__name", "measure__name", "period", "source__publisher", "notes"]
    list_per_page = 50

    def get_queryset(self, request):
        return Figure.objects.with_related().order_by("measure__name", "force__name", "period_key")


class StatisticsGroup(SnippetViewSetGroup):
    items = (FigureViewSet, MeasureViewSet, SourceViewSet, PoliceForceViewSet, ForceAliasViewSet)
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
