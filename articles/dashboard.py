"""Dashboard lists by role. Reporters: their drafts (with a "New story" button) and their
stories in review. Editors: stories awaiting review, scheduled, recently published, and
live stories whose figures changed. Drawn by `newsroom.dashboard`, which gives each person
the lists for them; each list is one query."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse

from wagtail.models import Revision, WorkflowState
from wagtail.permissions import page_permission_policy

from .admin_messages import when_with_zone
from .guard_rails import body_errors
from .models import REVIEWERS, ArticlePage, news_index
from .review import needing_changes, who_and_when

SHOWN = 10


def is_editor(user) -> bool:
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


def when(moment) -> str:
    """ "3 December 2026, 09:00 GMT": UK time, saying which."""
    return when_with_zone(moment)


def edit_url(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def can_write(user) -> bool:
    return page_permission_policy.user_has_permission(user, "add")


def in_review():
    """Workflow states of stories waiting for review."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        content_type=ContentType.objects.get_for_model(ArticlePage),
    )


def story_rows(stories, moment_field):
    return [
        {
            "label": story.get_admin_display_title(),
            "url": edit_url(story.pk),
            "detail": when(moment) if (moment := getattr(story, moment_field)) else "",
        }
        for story in stories
    ]


class YourDrafts:
    """The stories this person owns with changes not yet live, not in review, not sent back
    for changes and not scheduled: each of those has its own list."""

    name = "your-drafts"
    heading = "Your drafts"
    label_heading = "Title"
    detail_heading = "Last saved"
    empty_text = "You have no drafts."
    order = 80

    @staticmethod
    def is_shown_to(user):
        return can_write(user)

    @staticmethod
    def action(user):
        index = news_index()
        if index is None:
            return None
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", index.pk])
        return {"label": "New story", "url": url}

    @staticmethod
    def rows(user):
        page_id = Cast(OuterRef("pk"), CharField())
        reviewing = in_review().filter(object_id=page_id)
        sent_back = needing_changes().filter(object_id=page_id)
        scheduled = Revision.page_revisions.filter(
            object_id=page_id, approved_go_live_at__isnull=False
        )
        stories = (
            ArticlePage.objects.filter(owner=user, has_unpublished_changes=True)
            .exclude(Exists(reviewing))
            .exclude(Exists(sent_back))
            .exclude(Exists(scheduled))
            .only("pk", "title", "draft_title", "latest_revision_created_at")
            .order_by("-latest_revision_created_at")
        )
        return story_rows(stories[:SHOWN], "latest_revision_created_at")


class ChangesRequested:
    """This person's stories an editor sent back, with the editor's comment."""

    name = "changes-requested"
    heading = "Changes requested"
    label_heading = "Title"
    detail_heading = "Requested by"
    empty_text = "No story of yours is waiting for changes."
    order = 78

    @staticmethod
    def is_shown_to(user):
        return can_write(user)

    @staticmethod
    def rows(user):
        states = (
            needing_changes()
            .filter(requested_by=user)
            .select_related("current_task_state__finished_by", "current_task_state__revision")
            .order_by("-current_task_state__finished_at")
        )
        return [
            {
                "label": state.current_task_state.revision.object_str,
                "url": edit_url(state.object_id),
                "detail": who_and_when(state.current_task_state),
                "note": state.current_task_state.comment,
            }
            for state in states[:SHOWN]
        ]


class YourStoriesInReview:
    """This person's stories waiting for an editor."""

    name = "your-stories-in-review"
    heading = "Your stories in review"
    label_heading = "Title"
    detail_heading = "Submitted"
    empty_text = "None of your stories is waiting for review."
    order = 85

    @staticmethod
    def is_shown_to(user):
        return can_write(user) and not is_editor(user)

    @staticmethod
    def rows(user):
        states = (
            in_review()
            .filter(requested_by=user)
            .select_related("current_task_state__revision")
            .order_by("created_at")
        )
        return [
            {
                "label": state.current_task_state.revision.object_str,
                "url": edit_url(state.object_id),
                "detail": when(state.created_at),
            }
            for state in states
        ]


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
            in_review()
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


class RecentlyPublished:
    name = "recently-published"
    heading = "Recently published"
    label_heading = "Title"
    detail_heading = "Published"
    empty_text = "No story has been published yet."
    order = 97

    @staticmethod
    def is_shown_to(user):
        return is_editor(user)

    @staticmethod
    def rows(user):
        stories = (
            ArticlePage.objects.live()
            .only("pk", "title", "draft_title", "last_published_at")
            .order_by(F("last_published_at").desc(nulls_last=True), "-pk")
        )
        return story_rows(stories[:SHOWN], "last_published_at")


class FiguresChanged:
    """Live stories whose figures changed after they were published: worth a look."""

    name = "figures-changed"
    heading = "Stories whose figures changed"
    label_heading = "Title"
    detail_heading = "Figures updated"
    empty_text = "No live story's figures have changed."
    order = 98

    @staticmethod
    def is_shown_to(user):
        return is_editor(user)

    @staticmethod
    def rows(user):
        stories = (
            ArticlePage.objects.live()
            .filter(figures_updated_at__isnull=False)
            .only("pk", "title", "draft_title", "figures_updated_at")
            .order_by("-figures_updated_at")
        )
        return story_rows(stories[:SHOWN], "figures_updated_at")
