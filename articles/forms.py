"""The story editor's form: says which time zone the schedule is in, and asks for the hero
image's alt text when the story is published or submitted (a draft, and so autosave,
always saves: the field's help says it is required with an image)."""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.localtime().tzname()
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[name].help_text = f"UK time ({zone} now)."

    def clean(self):
        data = super().clean()
        if (
            not self.is_deferred_validation
            and data.get("hero_image")
            and not (data.get("hero_alt_text") or "").strip()
        ):
            self.add_error(
                "hero_alt_text",
                "Describe the image for people who cannot see it: a story with an image "
                "needs it to be published.",
            )
        return data
