from django.urls import reverse

from wagtail import hooks
from wagtail.admin.search import SearchArea
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet

from . import pages_showing
from .models import Helpline
from .viewsets import HelplineViewSet

register_snippet(HelplineViewSet)


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {Helpline: pages_showing.helpline}


class HelplineSearchArea(SearchArea):
    """The sidebar's search box for people who work on helplines and on no pages (helpline
    staff): Wagtail's would search all pages and answer that they may not."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm("contacts.change_helpline") and not (
            page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"})
        )


@hooks.register("register_admin_search_area")
def register_helpline_search_area():
    return HelplineSearchArea(
        "Helplines",
        reverse("wagtailsnippets_contacts_helpline:list"),
        icon_name="help",
        order=50,  # before "Pages" (100): the sidebar's box searches the first shown
    )
