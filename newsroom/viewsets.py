"""The admin for helplines: a snippet with drafts, preview, locking, history and usage."""

from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Helpline


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mobile-alt"
    menu_label = "Helplines"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("display_number", label="Number"),
        Column("kind", accessor="get_kind_display", label="Kind"),
        Column("area", label="Area"),
        "last_verified",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_filter = ["kind", "area", "live"]
