"""A story's embed code and oEmbed discovery link, for the story template."""

from django import template
from django.utils.html import format_html

from api.embeds import EMBEDDABLE, discovery_url, embed_url

register = template.Library()

WIDTH, HEIGHT = 640, 480


@register.filter
def is_embeddable(block) -> bool:
    """Whether a body block is a figure that has its own embed page."""
    return isinstance(block.block, EMBEDDABLE)


@register.simple_tag(takes_context=True)
def embed_code(context, page, block) -> str:
    """The `<iframe>` another site pastes to show this figure."""
    src = context["request"].build_absolute_uri(embed_url(page, block.id))
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        src,
        WIDTH,
        HEIGHT,
        f"{page.title}: {block.block.label}",
    )


@register.simple_tag(takes_context=True)
def oembed_url(context, page) -> str:
    return discovery_url(context["request"], page.full_url)
