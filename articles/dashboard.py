"""Dashboard lists for editors: stories awaiting review and stories scheduled to go live.
Drawn by `newsroom.dashboard`, which gives each person the lists for them."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import Revision, WorkflowState
from wagtail.permissions import page_permission_policy

from .guard_rails import body_errors
from .models import REVIEWERS, ArticlePage


def is_editor(user) -> bool:
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


def when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def edit_url(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


class StoriesInReview:
    """Every story waiting for an editor, with what would stop it being published."""

    name = "stories-in-review"
    heading = "Stories awaiting review"
    label_heading = "Title"
    detail_heading = "Submitted"
    empty_text = "No story is waiting for review."
    order = 90

    @staticmethod
    def is_shown_to(user):
        return is_editor(user)

    @staticmethod
    def rows(user):
        states = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                content_type=ContentType.objects.get_for_model(ArticlePage),
            )
            .select_related("requested_by", "current_task_state__revision")
            .order_by("created_at")
        )
        body_field = ArticlePage._meta.get_field("body")
        rows = []
        for state in states:
            # The submitted version, read from the revision without building the whole page.
            revision = state.current_task_state.revision
            body = body_field.to_python(revision.content.get("body", "[]"))
            submitter = state.requested_by.get_full_name() or state.requested_by.get_username()
            rows.append(
                {
                    "label": revision.object_str,
                    "url": edit_url(state.object_id),
                    "detail": f"by {submitter}, {when(state.created_at)}",
                    "problems": body_errors(body),
                }
            )
        return rows


class ScheduledStories:
    """Stories (or new versions of live ones) set to go live later, soonest first."""

    name = "scheduled-stories"
    heading = "Scheduled stories"
    label_heading = "Title"
    detail_heading = "Goes live"
    empty_text = "No story is scheduled."
    order = 95

    @staticmethod
    def is_shown_to(user):
        # Only to people who work on stories: a scheduled headline is under embargo.
        return page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"})

    @staticmethod
    def rows(user):
        revisions = Revision.objects.filter(
            approved_go_live_at__isnull=False,
            content_type=ContentType.objects.get_for_model(ArticlePage),
        ).order_by("approved_go_live_at")
        return [
            {
                "label": revision.object_str,
                "url": edit_url(revision.object_id),
                "detail": when(revision.approved_go_live_at),
            }
            for revision in revisions
        ]
