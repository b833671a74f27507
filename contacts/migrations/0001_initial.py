"""The Helpline snippet, moved here from `newsroom` (whose 0004 migration renamed the table
and relabelled the content type): this only tells Django's model state where it now lives."""

import django.db.models.deletion
import modelsearch.index
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("newsroom", "0004_move_helpline_to_contacts"),
        ("statistics", "0002_seed_police_forces"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Helpline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                        ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                        ('name', models.CharField(help_text='As readers know it, e.g. “Wiltshire Multi Agency Safeguarding Hub (MASH)”.', max_length=120, unique=True)),
                        ('number', models.CharField(help_text='Enter a UK phone number: a full number such as 0300 456 0108 or +44 300 456 0108, or a short code such as 101, 999, 111 or 116 123.', max_length=32)),
                        ('kind', models.CharField(choices=[('emergency', 'Emergency'), ('police-non-emergency', 'Police non-emergency'), ('safeguarding', 'Safeguarding'), ('support', 'Support line')], help_text='A number that reaches the emergency services is always marked Emergency.', max_length=24)),
                        ('when_to_call', models.CharField(help_text='Who should call and when, e.g. “A child is in immediate danger.”', max_length=300)),
                        ('opening_hours', models.CharField(blank=True, help_text='E.g. “24 hours a day” or “Mon–Fri 9am–5pm”.', max_length=120)),
                        ('website', models.URLField(blank=True)),
                        ('last_verified', models.DateField(blank=True, help_text='When someone last checked that the number reaches this service.', null=True, verbose_name='last verified')),
                        ('area', models.ForeignKey(blank=True, help_text='The police-force area it serves. Leave empty for a UK-wide helpline.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='helplines', to='statistics.policeforce')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
                    ],
                    options={
                        'ordering': ['name'],
                    },
                    bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
                ),
            ],
        ),
    ]
