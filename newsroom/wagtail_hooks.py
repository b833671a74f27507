from wagtail import hooks

from .admin_api import scope_admin_api
from .bad_requests import pages_only_read
from .dashboard import arrange
from .page_visibility import chooser_pages, moves_only_with_permission


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    arrange(request.user, panels)


hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("before_move_page", moves_only_with_permission)
# After Wagtail's own hooks, which register the endpoints this replaces.
hooks.register("construct_admin_api", scope_admin_api, order=100)
hooks.register("before_serve_page", pages_only_read)
