from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from articles.models import ArticlePage
from statistics.models import Figure, Measure, PoliceForce, Source

from . import pages_showing
from .admin_api import scope_admin_api
from .bad_requests import pages_only_read
from .dashboard import arrange
from .models import SiteSettings
from .page_visibility import chooser_pages, moves_only_with_permission


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    arrange(request.user, panels)


hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("before_move_page", moves_only_with_permission)
# After Wagtail's own hooks, which register the endpoints this replaces.
hooks.register("construct_admin_api", scope_admin_api, order=100)
hooks.register("before_serve_page", pages_only_read)


@hooks.register("insert_global_admin_js")
def admin_scripts():
    """Loaded before any date picker or tag field is set up: each date picker keeps the
    text typed in it (`dates.py`), tags show without quotes (`tags.py`), and the schedule
    dialog's pickers open above their fields, clear of its "Save schedule" button."""
    return format_html(
        '<script src="{}"></script><script src="{}"></script><script src="{}"></script>',
        static("newsroom/typed-dates.js"),
        static("newsroom/plain-tags.js"),
        static("newsroom/schedule-pickers.js"),
    )


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {
        Page: pages_showing.page,
        ArticlePage: pages_showing.story,
        **dict.fromkeys((PoliceForce, Measure, Source, Figure), pages_showing.statistics),
        SearchPromotion: pages_showing.search_promotion,
        SiteSettings: pages_showing.site_settings,
    }
