"""Subscribers in the admin, for the "Subscribers" role only (`alerts.view_subscriber`):
addresses, what each follows and the consent for it; deletion on request. No adding or
editing: readers sign up themselves."""

from wagtail.admin.viewsets.model import ModelViewSet

from .models import Subscriber


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    add_to_admin_menu = False
    list_display = ["email", "created_at"]
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "created_at"]
    form_fields = ["email"]
    ordering = ["email"]
