"""The blocks an editor writes a story with."""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from contacts.blocks import HelplinesBlock
from statistics.blocks import FigureChartBlock, FigureComparisonBlock, FigureTableBlock

from .guard_rails import block_errors

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "articles/blocks/heading.html"
        description = "A heading that divides the story into sections"
        preview_value = {"text": "How to report abuse", "level": "h2"}


class QuoteValue(blocks.StructValue):
    @property
    def credentials(self) -> str:
        """What the speaker is, after their name: "Detective Superintendent, Wiltshire Police"."""
        return ", ".join(part for part in (self.get("role"), self.get("organisation")) if part)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The words, without quotation marks.")
    paraphrase = blocks.BooleanBlock(
        required=False,
        help_text="Tick when the words are reported, not quoted: shown without quotation marks.",
    )
    speaker = blocks.CharBlock(max_length=120)
    role = blocks.CharBlock(max_length=160, required=False)
    organisation = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "openquote"
        value_class = QuoteValue
        template = "articles/blocks/quote.html"
        description = "A quotation attributed to a named speaker"
        preview_value = {
            "text": "We investigate every report we receive.",
            "speaker": "Ben Mant",
            "role": "Detective Superintendent",
            "organisation": "Wiltshire Police",
        }


NO_ALT_TEXT = (
    "Describe the picture for people who cannot see it, here or as its description in the "
    "image library, or mark it as decorative: a story needs this to be published."
)


class StoryImageBlock(ImageBlock):
    """Wagtail's image block (image, "decorative", alt text), with the image's description as
    its alt text unless the editor writes another for this use.

    The alt text field shows the description until the editor changes it; only a different
    text is stored, so correcting a description in the image library reaches every story that
    uses it. See https://docs.wagtail.org/en/stable/topics/images.html#alt-text
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        alt_text = blocks.CharBlock(
            required=False,
            max_length=250,
            label="Alt text",
            help_text="The image's own alt text (its description) unless you write another "
            "for this story. Left empty, the description is used.",
        )
        alt_text.set_name("alt_text")
        self.child_blocks["alt_text"] = alt_text

    def _struct_value_to_image(self, struct_value):
        image = super()._struct_value_to_image(struct_value)
        if image is not None and not image.decorative:
            image.contextual_alt_text = image.alt_for(image.contextual_alt_text or "")
        return image

    def get_prep_value(self, value):
        stored = super().get_prep_value(value)
        if value is not None and stored["alt_text"] == value.description:
            stored["alt_text"] = ""
        return stored

    def clean(self, value):
        try:
            return super().clean(value)
        except StructBlockValidationError as error:
            if "alt_text" in error.block_errors:
                raise StructBlockValidationError(
                    block_errors={"alt_text": ValidationError(NO_ALT_TEXT)}
                ) from error
            raise

    def get_publish_errors(self, value) -> list[str]:
        """For approval, bulk publish and the scheduler (`guard_rails`): the description
        may have been emptied since the story was written."""
        if value is not None and not value.decorative and not value.contextual_alt_text:
            return [f"The picture “{value.title}” has no alt text. {NO_ALT_TEXT}"]
        return []


class CaptionedImageValue(blocks.StructValue):
    @property
    def alt(self) -> str:
        """Empty for a decorative picture, else the story's alt text or the description."""
        image = self.get("image")
        if image is None or image.decorative:
            return ""
        return image.contextual_alt_text or ""

    @property
    def credit_line(self) -> str:
        """This use's own credit, else the image's."""
        image, own = self.get("image"), self.get("credit") or ""
        return image.credit_for(own) if image is not None else own


class CaptionedImageBlock(blocks.StructBlock):
    image = StoryImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(
        max_length=120,
        required=False,
        help_text="Leave empty to print the image's own credit; fill in only when this use "
        "needs another.",
    )

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"
        value_class = CaptionedImageValue
        description = "A picture with alt text (or marked decorative), caption and credit"


class RelatedArticlesBlock(blocks.StructBlock):
    """Stories an editor chooses to point readers to; a story without this block gets up to
    three chosen for it (`articles.related`)."""

    heading = blocks.CharBlock(max_length=80, default="Related stories")
    articles = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="articles.ArticlePage"), min_num=1, max_num=6
    )

    class Meta:
        icon = "list-ul"
        template = "articles/blocks/related_articles.html"
        description = "Links to other stories readers may want next"
        label_format = "{heading}"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="articles/blocks/paragraph.html",
        description="Text with bold, italic, links and lists",
        preview_value="<p>Police forces have released the figures they recorded.</p>",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(
        icon="media",
        template="articles/blocks/embed.html",
        description="A video or post from another site, by its URL",
    )
    figure_comparison = FigureComparisonBlock()
    figure_table = FigureTableBlock()
    figure_chart = FigureChartBlock()
    helplines = HelplinesBlock()
    related_articles = RelatedArticlesBlock()

    def clean(self, value):
        """The guard rails, through Wagtail's deferred validation: saving a draft defers
        them (`is_deferred_validation`), publishing or submitting for review runs them and
        shows each reason on the block it comes from. Approval, bulk publish and the
        scheduler check the same reasons through `guard_rails.publish_errors`.
        """
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        for index, child in enumerate(value):
            reasons = block_errors(child.block, child.value)
            if reasons:
                errors[index] = on_block(child.block, reasons)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def on_block(block, reasons: list[str]) -> ValidationError:
    """Reasons shown at the top of the block (a struct block) or under it (any other)."""
    if isinstance(block, blocks.StructBlock):
        return StructBlockValidationError(non_block_errors=reasons)
    return ValidationError(reasons)
