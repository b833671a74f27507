"""What the admin tells an editor after publishing, scheduling or approving a story: what
actually happened, with the go-live time and its time zone.

Wagtail confirms an approval with "Page … has been updated." (approval publishes it, or,
when the story was changed meanwhile, only saves the editor's version) and a schedule with
"… has been scheduled for publishing." (no time), and a request for changes with "Page …
has been updated.". After the edit or create view has run, its confirmation is replaced with
one that says "Published", "Scheduled for 3 December 2026, 09:00 GMT", "Changes requested"
or "Not approved", and why.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from wagtail.admin import messages as admin_messages


def tell(request, level, message, reasons):
    """An admin message with its reasons listed under it."""
    items = format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons))
    detail = format_html('<ul class="guard-rails">{}</ul>', items)
    messages.add_message(request, level, admin_messages.render(message, None, detail=detail))


def when_with_zone(moment) -> str:
    """`3 December 2026, 09:00 GMT`: the time in the site's zone, and which zone it is."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j F Y, H:i')} {local.tzname()}"


def scheduled_go_live(page):
    """The go-live time of `page`'s scheduled revision, or None when nothing is scheduled."""
    revision = page.scheduled_revision
    return revision.approved_go_live_at if revision is not None else None


def is_going_live_later(page) -> bool:
    """True when `page`, as about to be published, has a go-live time still to come."""
    return bool(page.go_live_at and page.go_live_at > timezone.now())


def publishing_verb(page) -> str:
    """ "Published" or "Scheduled for <when>", for a page about to be published."""
    if is_going_live_later(page):
        return f"Scheduled for {when_with_zone(page.go_live_at)}"
    return "Published"


def _replace_success(request, text, buttons, say=admin_messages.success):
    """Drop the success messages queued so far (Wagtail's confirmation) and `say` `text`."""
    for message in messages.get_messages(request):
        if message.level != messages.SUCCESS:
            messages.add_message(request, message.level, message.message, message.extra_tags)
    say(request, text, buttons=buttons)


def confirm_outcome(request, page):
    """After a publish, a schedule or an approval of `page`: say which one happened."""
    post = request.POST
    workflow_action = "action-workflow-action" in post and post.get("workflow-action-name")
    approving = workflow_action == "approve"
    if not (approving or workflow_action == "reject" or "action-publish" in post):
        return
    page.refresh_from_db()
    title = page.get_admin_display_title()
    edit = admin_messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), "Edit")
    if workflow_action == "reject":
        text = f"Changes requested: “{title}” is back with its writer, with your comment."
        _replace_success(request, text, [edit])
        return
    go_live = scheduled_go_live(page)
    if go_live is not None:
        _replace_success(request, f"Scheduled for {when_with_zone(go_live)}: “{title}”.", [edit])
    elif approving and page.live and not page.workflow_in_progress:
        view = admin_messages.button(page.url, "View live", new_window=True)
        _replace_success(request, f"Approved and published: “{title}” is live.", [view, edit])
    elif approving and page.workflow_in_progress:
        # Approval was withheld (`EditorReviewTask`): a version that fails the guard rails was
        # saved while this editor had the story open, and theirs has just been saved over it.
        text = (
            f"Not approved: “{title}” was changed while you had it open. "
            "Your version is saved: check it and approve again to publish it."
        )
        _replace_success(request, text, [edit], say=admin_messages.error)
