from django.contrib import messages
from django.shortcuts import redirect

from taggit.models import Tag
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from contacts.models import Helpline
from statistics.models import PoliceForce

from . import pages_showing
from .admin_messages import confirm_outcome, publishing_verb, tell
from .autosave import note_autosave
from .guard_rails import publish_errors, publish_warnings
from .models import ArticlePage, Author
from .review import changes_requested, who_and_when
from .scheduling import PUBLISH_BLOCKED
from .viewsets import AuthorViewSet, TopicViewSet

register_snippet(AuthorViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {
        ArticlePage: pages_showing.story,
        Author: pages_showing.author,
        Tag: pages_showing.topic,
        Helpline: pages_showing.helpline,
        PoliceForce: pages_showing.force,
    }


@hooks.register("before_publish_page")
def warn_of_gaps_on_publishing(request, page):
    """What a story may go without but should have. (What stops it going live is refused
    before this, by the body block's validation: `ArticleBodyBlock.clean`.)"""
    warnings = publish_warnings(page)
    if warnings:
        tell(request, messages.WARNING, f"{publishing_verb(page)}, but check:", warnings)


hooks.register("before_edit_page", note_autosave)
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
    if request.method == "GET":
        errors = publish_errors(page.get_latest_revision_as_object())
        if errors:
            tell(request, messages.WARNING, "This story cannot be published yet:", errors)


@hooks.register("before_edit_page")
def show_requested_changes_on_open(request, page):
    """The editor's request for changes, at the top of the story until it is resubmitted."""
    if request.method != "GET":
        return
    task_state = changes_requested(page)
    if task_state is not None:
        comment = f": “{task_state.comment}”" if task_state.comment else "."
        messages.warning(
            request,
            f"Changes requested by {who_and_when(task_state)}{comment} "
            "Make them, then submit the story for review again.",
        )


@hooks.register("register_log_actions")
def register_scheduler_log_actions(actions):
    @actions.register_action(PUBLISH_BLOCKED)
    class PublishBlockedFormatter(LogFormatter):
        label = "Scheduled publication refused"

        def format_message(self, log_entry):
            reasons = " ".join(log_entry.data.get("errors", []))
            return f"Not published at its scheduled time: {reasons}"
