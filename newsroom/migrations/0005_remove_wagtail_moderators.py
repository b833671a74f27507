"""Wagtail's default "Moderators" group and "Moderators approval" workflow go: the roles are
the three in `newsroom/roles.py`, and stories go through "Editor review" alone.

Anyone who was a moderator becomes an editor (the role that publishes), so nobody loses the
right to publish without being told. A workflow that pages are still in is deactivated
rather than deleted, so their history stays.
"""

from django.db import migrations

GROUP = "Moderators"
WORKFLOW = "Moderators approval"


def remove_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.filter(name=WORKFLOW):
        workflow.workflow_pages.all().delete()
        if WorkflowState.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
        else:
            workflow.delete()
    for task in Task.objects.filter(name=WORKFLOW):
        if TaskState.objects.filter(task=task).exists():
            Task.objects.filter(pk=task.pk).update(active=False)
        else:
            task.delete()

    moderators = Group.objects.filter(name=GROUP).first()
    if moderators is not None:
        editors, _ = Group.objects.get_or_create(name="Editors")
        editors.user_set.add(*moderators.user_set.all())
        moderators.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_move_helpline_to_contacts"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(remove_moderators, migrations.RunPython.noop)]
