"""The site's pictures: Wagtail's image with the credit a newsroom prints under every picture.

`WAGTAILIMAGES_IMAGE_MODEL` points Wagtail here, so the admin's image library, choosers and
renditions all use this model. It is named `Picture` so that its reverse accessors do not
clash with Wagtail's own `Image`, which stays installed: Wagtail checks image permissions
against it (`wagtailimages.add_image`, …) whatever the image model.

The image's `description` is its alt text: a story may give its own for one use (the hero's
alt text, a body image block's), or mark a body picture as decorative. Wagtail's guide:
https://docs.wagtail.org/en/stable/advanced_topics/images/custom_image_model.html
"""

import functools

from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.models import Image as WagtailImage


@functools.lru_cache(maxsize=1024)  # bounded: the admin and the serve view name specs too
def kept_filter(spec: str) -> Filter:
    """One `Filter` per spec for the process. Wagtail makes a new one for every image tag
    and lookup, and parses its spec into operations again (twelve for a story's hero
    picture, a tenth of its render); a kept one has parsed it once."""
    return Filter(spec=spec)


def _spec(filter: Filter | str) -> str:
    return filter if isinstance(filter, str) else filter.spec


class Picture(AbstractImage):
    # Wagtail's own field, labelled for what it is here: the alt text.
    description = models.CharField(
        "alt text",
        max_length=255,
        blank=True,
        default="",
        help_text="What the picture shows, for people who cannot see it. Used as its alt text "
        "wherever it appears, unless a story gives its own. Needed before a story can "
        "publish it.",
    )
    credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who took or owns it, printed under it: for example “Photo: Jane Smith / "
        "Wiltshire Police”.",
    )

    may_republish = models.BooleanField(
        "others may republish it",
        default=False,
        help_text="Tick when its credit allows other outlets to republish it with a story "
        "(our own photographer's, or a licence that allows it). Unticked, “Republish this "
        "story” leaves it out.",
    )

    admin_form_fields = WagtailImage.admin_form_fields + ("credit", "may_republish")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def get_rendition(self, filter):
        return super().get_rendition(kept_filter(_spec(filter)))

    def get_renditions(self, *filters):
        return super().get_renditions(*(kept_filter(_spec(f)) for f in filters))

    @property
    def default_alt_text(self):
        """The description only: a file's title ("IMG_0412") is no alt text."""
        return self.description

    def alt_for(self, own: str = "") -> str:
        """The alt text of one use: its own, else this picture's description."""
        return own.strip() or self.description.strip()

    def credit_for(self, own: str = "") -> str:
        """The credit printed under one use: its own, else this picture's."""
        return own.strip() or self.credit


class Rendition(AbstractRendition):
    image = models.ForeignKey(Picture, related_name="renditions", on_delete=models.CASCADE)

    @functools.cached_property
    def url(self) -> str:
        """Worked out once per rendition, and kept with it in the renditions cache: a
        rendition's file never changes, and asking the storage cost 0.02 ms each time (a
        story's hero asks fourteen times)."""
        return self.file.url

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
