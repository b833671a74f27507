from wagtail import hooks

from .dashboard import panels_for


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(panels_for(request.user))
