from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from newsroom import demo
from newsroom.site_url import apply_site_url

DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "changeme"


def admin_url(host=None) -> str:
    """The admin's address: on `host` when given, else under WAGTAILADMIN_BASE_URL."""
    base = f"http://{host}" if host else settings.WAGTAILADMIN_BASE_URL
    return f"{base.rstrip('/')}/admin/"


class Command(BaseCommand):
    help = "Load the demo content: the reference story and a few samples. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            help="host:port the development server answers on (make run's HOST), for the "
            "admin address printed; by default WAGTAILADMIN_BASE_URL's",
        )

    def handle(self, *args, **options):
        story = demo.load()
        apply_site_url()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: the reference story is at {story.get_url()}")
        )
        if settings.DEBUG:
            self.ensure_dev_admin(options.get("host"))

    def ensure_dev_admin(self, host=None):
        """A known superuser for a developer's own machine; never created without DEBUG."""
        User = get_user_model()
        if not User.objects.filter(username=DEV_ADMIN_USERNAME).exists():
            User.objects.create_superuser(
                DEV_ADMIN_USERNAME, "admin@example.org", DEV_ADMIN_PASSWORD
            )
        self.stdout.write(
            f"Admin: {admin_url(host)}  user {DEV_ADMIN_USERNAME}  "
            f"password {DEV_ADMIN_PASSWORD} (development only)"
        )
