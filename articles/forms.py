"""The story editor's form: says which time zone the schedule is in, and lets a draft (and
so autosave) save without what only publishing needs, such as the hero image's alt text."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.localtime().tzname()
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[name].help_text = f"UK time ({zone} now)."

    def _post_clean(self):
        # A draft (Wagtail's deferred validation) saves without the rules publishing needs:
        # the model's `clean` and `save_revision` read this.
        self.instance.drafting = self.is_deferred_validation
        super()._post_clean()
