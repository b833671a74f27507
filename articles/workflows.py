"""The "Editor review" workflow: a reporter's story goes live only after an editor approves it.

Its one task is a group approval by Editors that also applies the guard rails: an editor is
not offered "Approve" for a story that must not be published, so a story with a missing
figure or an unpublished helpline cannot go live through the review either.
"""

import logging

from django.db import transaction

from wagtail.models import AbstractGroupApprovalTask

from .guard_rails import publish_errors

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Editor review"
REVIEWERS = "Editors"


class EditorReviewTask(AbstractGroupApprovalTask):
    """Group approval that withholds "Approve" while the story's guard rails fail."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and publish_errors(obj.get_latest_revision_as_object()):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # Approval publishes the latest revision, which may have been edited since the
            # editor was offered "Approve": check it again.
            latest = task_state.workflow_state.content_object.get_latest_revision_as_object()
            errors = publish_errors(latest)
            if errors:
                logger.warning("Approval of %r refused: %s", str(latest), "; ".join(errors))
                return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, if the story passes its guard rails"

    class Meta:
        verbose_name = "editor review task"
        verbose_name_plural = "editor review tasks"


@transaction.atomic
def ensure_editor_review_workflow(**kwargs):
    """Create the workflow, its task for Editors, and attach it to the home page (so /news/
    and every story beneath it), unless already there. Runs after every migrate."""
    from django.contrib.auth.models import Group

    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from newsroom.models import HomePage

    editors, _ = Group.objects.get_or_create(name=REVIEWERS)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = EditorReviewTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = EditorReviewTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([editors])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    home = HomePage.objects.first()
    if home is not None and not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=workflow)
