"""Stories an editor sent back with "Request changes", and what the editor asked for.

Wagtail keeps the editor's comment on the review task and shows it only under the status
panel's "View details". The writer's dashboard lists these stories with the comment
("Changes requested", `dashboard.py`), and the story's editor opens with it in a banner
until the story is submitted again (`wagtail_hooks.py`).
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import WorkflowState

from .admin_messages import when_with_zone
from .models import ArticlePage


def needing_changes():
    """Workflow states of stories sent back for changes, not yet submitted again."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        content_type=ContentType.objects.get_for_model(ArticlePage),
    )


def who_and_when(task_state) -> str:
    """ "Ed Itor, 7 December 2026, 09:30 GMT" """
    editor = task_state.finished_by
    name = (editor.get_full_name() or editor.get_username()) if editor else "An editor"
    moment = task_state.finished_at
    return f"{name}, {when_with_zone(moment)}" if moment else name


def changes_requested(page):
    """The finished review task in which changes were requested of `page`, or None when
    no request for changes is outstanding."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state
