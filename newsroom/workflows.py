"""The "Editor review" workflow: a reporter's story goes live only after an editor approves it.

Its one task (`articles.EditorReviewTask`) is a group approval by Editors that also applies
the guard rails. Set up here, after every migrate, and attached to the home page so it
covers /news/ and every story beneath it.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from articles.models import REVIEWERS, EditorReviewTask

from .models import HomePage

WORKFLOW_NAME = "Editor review"


@transaction.atomic
def ensure_editor_review_workflow(**kwargs):
    """Create the workflow, its task for Editors, and attach it to the home page (so /news/
    and every story beneath it), unless already there. Runs after every migrate."""
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
