"""The blocks an editor writes a story with."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from contacts.blocks import HelplinesBlock
from statistics.blocks import FigureChartBlock, FigureComparisonBlock, FigureTableBlock

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
        template = "articles/blocks/quote.html"
        description = "A quotation attributed to a named speaker"
        preview_value = {
            "text": "We investigate every report we receive.",
            "speaker": "Ben Mant",
            "role": "Detective Superintendent",
            "organisation": "Wiltshire Police",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="What the image shows, for people who cannot see it."
    )
    caption = blocks.CharBlock(max_length=250, required=False)
    credit = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"
        description = "A picture with alt text, caption and credit"


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
    image = ImageBlock()
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
