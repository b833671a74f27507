"""The admin for helplines: a snippet with drafts, preview, locking, history and usage."""

from django.core.exceptions import ValidationError

from wagtail.admin.compare import FieldComparison, register_comparison_class
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from . import phone
from .models import Helpline


class PhoneNumberComparison(FieldComparison):
    """History's compare view shows a changed number whole and as readers see it:
    "0300 456 0108" to "0300 456 0199", not a character diff of "+443004560108"."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a, self.val_b = map(self.shown, (self.val_a, self.val_b))

    @staticmethod
    def shown(value):
        try:
            return phone.display(phone.normalise(value))
        except ValidationError:
            return value


register_comparison_class(phone.UKPhoneNumberField, comparison_class=PhoneNumberComparison)


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
