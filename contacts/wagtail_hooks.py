from wagtail.snippets.models import register_snippet

from .viewsets import HelplineViewSet

register_snippet(HelplineViewSet)
