"""The newsroom's panels on the admin dashboard.

Each panel is a `DashboardListPanel`: a heading and rows of (label, link, detail, problems).
Extension points, wired when their apps are merged: `HelplinesToVerifyPanel` (newsroom:
helplines not verified in 12 months) and `LatestFigureImportsPanel` (statistics: the latest
figure imports) subclass `DashboardListPanel`, define `get_rows()` and are added to `PANELS`.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.ui.components import Component
from wagtail.models import Revision, WorkflowState

from .guard_rails import body_errors
from .models import ArticlePage
from .workflows import REVIEWERS


@dataclass
class Row:
    label: str
    url: str
    detail: str = ""
    problems: list[str] = field(default_factory=list)


class DashboardListPanel(Component):
    name = ""
    heading = ""
    label_heading = "Title"
    detail_heading = "Status"
    empty_text = "Nothing here."
    order = 150
    template_name = "articles/panels/dashboard_list.html"

    def __init__(self, user):
        self.user = user

    @classmethod
    def is_shown_to(cls, user) -> bool:
        return True

    def get_rows(self) -> list[Row]:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return {"panel": self, "rows": self.get_rows()}


def is_editor(user) -> bool:
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


def when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def edit_url(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


class StoriesInReviewPanel(DashboardListPanel):
    """Every story waiting for an editor, with what would stop it being published."""

    name = "stories-in-review"
    heading = "Stories awaiting review"
    detail_heading = "Submitted"
    empty_text = "No story is waiting for review."
    order = 90

    @classmethod
    def is_shown_to(cls, user):
        return is_editor(user)

    def get_rows(self):
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
                Row(
                    label=revision.object_str,
                    url=edit_url(state.object_id),
                    detail=f"by {submitter}, {when(state.created_at)}",
                    problems=body_errors(body),
                )
            )
        return rows


class ScheduledStoriesPanel(DashboardListPanel):
    """Stories (or new versions of live ones) set to go live later, soonest first."""

    name = "scheduled-stories"
    heading = "Scheduled stories"
    detail_heading = "Goes live"
    empty_text = "No story is scheduled."
    order = 95

    def get_rows(self):
        revisions = Revision.objects.filter(
            approved_go_live_at__isnull=False,
            content_type=ContentType.objects.get_for_model(ArticlePage),
        ).order_by("approved_go_live_at")
        return [
            Row(
                label=revision.object_str,
                url=edit_url(revision.object_id),
                detail=when(revision.approved_go_live_at),
            )
            for revision in revisions
        ]


PANELS = [StoriesInReviewPanel, ScheduledStoriesPanel]


def editorial_panels(user) -> list[DashboardListPanel]:
    return [panel(user) for panel in PANELS if panel.is_shown_to(user)]
