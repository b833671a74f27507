from wagtail import hooks

from .bad_requests import pages_only_read
from .dashboard import arrange
from .page_visibility import chooser_pages


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    arrange(request.user, panels)


hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("before_serve_page", pages_only_read)
