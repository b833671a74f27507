"""The story editor's form: says which time zone the schedule is in."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.localtime().tzname()
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[name].help_text = f"UK time ({zone} now)."
