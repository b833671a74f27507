"""The Helpline snippet moves to the `contacts` app: same rows, same table contents.

The table is renamed and the content type relabelled (not recreated), so every revision,
log entry, permission and reference-index row that points at a helpline keeps pointing at it.
"""

from django.db import migrations


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="newsroom", model="helpline").update(
        app_label="contacts"
    )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="contacts", model="helpline").update(
        app_label="newsroom"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_helpline"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="Helpline", table="contacts_helpline"),
            ],
            state_operations=[migrations.DeleteModel(name="Helpline")],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
