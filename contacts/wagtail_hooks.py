from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import pages_showing
from .models import Helpline
from .viewsets import HelplineViewSet

register_snippet(HelplineViewSet)


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {Helpline: pages_showing.helpline}
