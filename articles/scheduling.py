"""Scheduled publishing of stories ("go live at"), with the guard rails applied at go-live.

Wagtail publishes a scheduled revision when `manage.py publish_scheduled` runs after its
go-live time. Between scheduling and go-live a figure can be deleted or a helpline
unpublished, so the command first holds back every due story that fails its guard rails:
the schedule is cleared, the reasons are logged and recorded in the story's history, and
the story stays as it was until an editor fixes and reschedules it.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

from .guard_rails import publish_errors
from .models import ArticlePage

logger = logging.getLogger(__name__)

PUBLISH_BLOCKED = "articles.publish_blocked"


def due_story_revisions(*, now=None):
    return Revision.objects.filter(
        approved_go_live_at__lt=now or timezone.now(),
        content_type=ContentType.objects.get_for_model(ArticlePage),
    ).order_by("approved_go_live_at")


def hold_back_failing_stories(*, now=None, dry_run=False) -> list[tuple[ArticlePage, list[str]]]:
    """Unschedule each story due to go live that fails its guard rails; return them and why."""
    held = []
    for revision in due_story_revisions(now=now):
        story = revision.as_object()
        errors = publish_errors(story)
        if not errors:
            continue
        held.append((story, errors))
        logger.warning("Scheduled story %r not published: %s", story.title, " ".join(errors))
        if not dry_run:
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            PageLogEntry.objects.log_action(
                story, PUBLISH_BLOCKED, revision=revision, data={"errors": errors}
            )
    return held
