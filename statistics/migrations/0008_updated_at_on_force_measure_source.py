"""When a force, measure or source was last saved, for the data downloads' Last-Modified;
existing rows start at the time of the migration."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0007_figure_force_index_in_unique_constraint"),
    ]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        )
        for model_name in ("policeforce", "measure", "source")
    ]
