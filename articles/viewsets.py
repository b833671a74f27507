"""The admin for authors and topics."""

from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role", "slug"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    """Topics are tags typed on stories; editors rename or remove them here."""

    model = Tag
    icon = "tag"
    menu_label = "Topics"
    menu_order = 210
    add_to_admin_menu = True
    panels = [FieldPanel("name")]
    list_display = ["name", "slug"]
    search_fields = ["name"]
