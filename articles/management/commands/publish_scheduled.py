"""Wagtail's `publish_scheduled`, holding back stories that fail their guard rails.

Run it every minute in production (`make scheduler`, the `scheduler` line of the Procfile,
or deploy/newsroom-scheduler.timer). It takes the place of Wagtail's command of the same
name because this app comes before `wagtail` in INSTALLED_APPS.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from articles.scheduling import hold_back_failing_stories


class Command(WagtailCommand):
    help = "Publish and unpublish scheduled pages and snippets whose time has come."

    def handle(self, *args, **options):
        for story, errors in hold_back_failing_stories(dry_run=options["dryrun"]):
            self.stderr.write(f"Not publishing “{story.title}”: {' '.join(errors)}")
        super().handle(*args, **options)
