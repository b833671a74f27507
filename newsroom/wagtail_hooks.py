from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from .bad_requests import pages_only_read
from .dashboard import arrange
from .page_visibility import chooser_pages


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    arrange(request.user, panels)


hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("before_serve_page", pages_only_read)


@hooks.register("insert_global_admin_js")
def admin_scripts():
    """Loaded before any date picker or tag field is set up: each date picker keeps the
    text typed in it (`dates.py`), and tags show without quotes (`tags.py`)."""
    return format_html(
        '<script src="{}"></script><script src="{}"></script>',
        static("newsroom/typed-dates.js"),
        static("newsroom/plain-tags.js"),
    )
