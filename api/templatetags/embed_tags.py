"""A story's embed code, its oEmbed discovery link and its "Republish" link, for the story
template."""

from django import template

from api.embeds import EMBEDDABLE, discovery_url, iframe

register = template.Library()


@register.filter
def is_embeddable(block) -> bool:
    """Whether a body block is a figure that has its own embed page."""
    return isinstance(block.block, EMBEDDABLE)


@register.simple_tag(takes_context=True)
def embed_code(context, page, block) -> str:
    """The `<iframe>` another site pastes to show this figure."""
    return iframe(context["request"], page, block)


@register.simple_tag(takes_context=True)
def oembed_url(context, page) -> str:
    return discovery_url(context["request"], page.full_url)
