from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .panels import HelplinesToVerifyPanel
from .viewsets import HelplineViewSet

register_snippet(HelplineViewSet)


@hooks.register("construct_homepage_panels")
def add_helpline_panels(request, panels):
    if HelplinesToVerifyPanel.is_shown_to(request.user):
        panels.append(HelplinesToVerifyPanel(request.user))
