"""The "How to report" block: helplines a story shows, always their published version."""

from copy import copy

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .models import Helpline, published_helplines

CHOSEN_MODE = "chosen"
AREAS_MODE = "areas"


def helplines_for_areas(area_ids) -> list[Helpline]:
    """Published helplines for these police-force areas plus UK-wide ones, emergency first
    (from the cached list: no query, however many blocks ask)."""
    areas = set(area_ids)
    return [h for h in published_helplines() if h.area_id is None or h.area_id in areas]


def shows_helplines_by_area(body) -> bool:
    """Whether a story body has a helplines block that lists them by the story's areas."""
    return any(
        block["type"] == "helplines" and block["value"].get("mode") == AREAS_MODE
        for block in body.raw_data
    )


class HelplineChooserBlock(SnippetChooserBlock):
    """A chosen helpline, taken from the cached published helplines: a story whose chosen
    helplines are all published reads none from the database. One that is not (a draft, or
    deleted) is looked up as Wagtail does, so the editor's checks still tell them apart."""

    def __init__(self, **kwargs):
        super().__init__("contacts.Helpline", **kwargs)

    def bulk_to_python(self, values):
        published = {helpline.pk: helpline for helpline in published_helplines()}
        others = [pk for pk in values if pk is not None and pk not in published]
        looked_up = dict(zip(others, super().bulk_to_python(others), strict=True)) if others else {}
        chosen, seen = [], set()
        for pk in values:
            helpline = published.get(pk) or looked_up.get(pk)
            chosen.append(copy(helpline) if helpline is not None and pk in seen else helpline)
            seen.add(pk)
        return chosen

    def deconstruct(self):
        """As Wagtail's own chooser, so that migrations never import this module."""
        return (
            "wagtail.snippets.blocks.SnippetChooserBlock",
            ("contacts.Helpline",),
            self._constructor_args[1],
        )


class HelplinesValue(blocks.StructValue):
    def helplines_for(self, page) -> list:
        """What readers see: published helplines only, chosen in the editor's order, or those
        for the page's areas plus UK-wide ones, emergency first. A chosen helpline that has
        since been deleted or unpublished is left out."""
        if self["mode"] == AREAS_MODE:
            areas = getattr(page, "area_list", None)  # read once per page view
            if areas is None:
                areas = page.areas.all() if page is not None and hasattr(page, "areas") else []
            return helplines_for_areas([area.pk for area in areas])
        return [helpline for helpline in self["helplines"] if helpline and helpline.live]


class HelplinesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="How to report", required=False)
    intro = blocks.RichTextBlock(features=["bold", "italic", "link"], required=False)
    mode = blocks.ChoiceBlock(
        choices=[
            (CHOSEN_MODE, "The helplines chosen below, in this order"),
            (AREAS_MODE, "The helplines for this story's areas, plus UK-wide ones"),
        ],
        default=CHOSEN_MODE,
        label="Show",
        search_index=False,
    )
    helplines = blocks.ListBlock(
        # Not required: the list's empty first slot must not block "by area" mode.
        HelplineChooserBlock(required=False),
        help_text="Readers see each helpline's published version.",
    )

    class Meta:
        icon = "mobile-alt"
        template = "contacts/blocks/helplines.html"
        label = "How to report"
        description = "Helpline numbers readers can call, kept up to date by helpline staff"
        value_class = HelplinesValue
        preview_value = {
            "heading": "How to report abuse",
            "intro": "<p>If you are worried about a child, these are the numbers to call.</p>",
            "mode": AREAS_MODE,
        }

    def clean(self, value):
        value = super().clean(value)
        # Empty slots are dropped on save, so a missing helpline later means a deleted one.
        chosen = [helpline for helpline in value["helplines"] if helpline]
        value["helplines"] = blocks.list_block.ListValue(self.child_blocks["helplines"], chosen)
        if value["mode"] == CHOSEN_MODE and not chosen:
            raise StructBlockValidationError(
                block_errors={"helplines": ["Choose at least one helpline."]}
            )
        if value["mode"] == AREAS_MODE and chosen:
            raise StructBlockValidationError(
                block_errors={
                    "helplines": [
                        "Helplines listed by area are found for you: remove the chosen ones, "
                        "or show the chosen helplines instead."
                    ]
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["helplines"] = value.helplines_for((parent_context or {}).get("page"))
        return context

    def get_publish_errors(self, value) -> list[str]:
        """Why a story with this block should not be published yet: each chosen helpline
        that readers could not see (not published, or deleted). Called by the publish-time
        guard rails."""
        if value["mode"] != CHOSEN_MODE:
            return []
        errors = []
        for helpline in value["helplines"]:
            if helpline is None:
                errors.append("A helpline chosen in “How to report” has been deleted: remove it.")
            elif not helpline.live:
                errors.append(
                    f"The helpline “{helpline}” is not published: publish it or remove it."
                )
        return errors
