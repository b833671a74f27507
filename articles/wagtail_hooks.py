from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join

from wagtail import hooks
from wagtail.admin.messages import render as render_admin_message
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from .admin_messages import confirm_outcome, publishing_verb
from .guard_rails import publish_errors, publish_warnings
from .scheduling import PUBLISH_BLOCKED
from .viewsets import AuthorViewSet, TopicViewSet

register_snippet(AuthorViewSet)
register_snippet(TopicViewSet)


# Set when a publish is refused, so the edit page it redirects to does not say it twice.
REFUSAL_SHOWN = "articles.guard_rails_refusal_shown"


def tell(request, level, message, reasons):
    """An admin message with its reasons listed under it."""
    items = format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons))
    detail = format_html('<ul class="guard-rails">{}</ul>', items)
    messages.add_message(request, level, render_admin_message(message, None, detail=detail))


@hooks.register("before_publish_page")
def refuse_story_failing_guard_rails(request, page):
    """Publish (or schedule) only a story that passes its guard rails. The edit is already
    saved as a draft revision by then, so nothing the editor typed is lost."""
    errors = publish_errors(page)
    if errors:
        if request.resolver_match.view_name == "wagtailadmin_pages:add":
            # The create view saves a new page `live` before this hook runs.
            page.live = False
            page.has_unpublished_changes = True
            page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
        tell(request, messages.ERROR, "Saved as a draft, not published:", errors)
        request.session[REFUSAL_SHOWN] = page.pk
        return redirect("wagtailadmin_pages:edit", page.pk)
    warnings = publish_warnings(page)
    if warnings:
        tell(request, messages.WARNING, f"{publishing_verb(page)}, but check:", warnings)
    return None


hooks.register("after_edit_page", confirm_outcome)
hooks.register("after_create_page", confirm_outcome)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_failing_stories(request, action_type, objects, action):
    """Bulk "Publish" from a page listing: refuse the lot if any story fails its guard rails."""
    if action_type != "publish":
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live())
    reasons = [
        f"{page.get_admin_display_title()}: {error}"
        for page in pages
        for error in publish_errors(page.get_latest_revision_as_object())
    ]
    if reasons:
        tell(request, messages.ERROR, "Nothing was published:", reasons)
        return redirect(action.next_url)
    return None


@hooks.register("before_edit_page")
def show_guard_rails_on_open(request, page):
    """Tell whoever opens a story what would stop it being published, before they try."""
    if request.method == "GET" and request.session.pop(REFUSAL_SHOWN, None) != page.pk:
        errors = publish_errors(page.get_latest_revision_as_object())
        if errors:
            tell(request, messages.WARNING, "This story cannot be published yet:", errors)


@hooks.register("register_log_actions")
def register_scheduler_log_actions(actions):
    @actions.register_action(PUBLISH_BLOCKED)
    class PublishBlockedFormatter(LogFormatter):
        label = "Scheduled publication refused"

        def format_message(self, log_entry):
            reasons = " ".join(log_entry.data.get("errors", []))
            return f"Not published at its scheduled time: {reasons}"
