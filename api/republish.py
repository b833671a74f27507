"""`/republish/<story>/`: "Republish this story" for a story under CC BY-ND 4.0.

Another outlet copies the story's HTML as it is: headline, standfirst, byline and date, the
text, each figure as an embed (so its numbers stay current), helplines with today's numbers,
quotes, and only the pictures whose credit allows it (`Picture.may_republish`), each with its
credit; then a credit line and a link back. They are asked to point their page's
`rel=canonical` at ours. Stories under any other licence, and drafts, private and scheduled
stories, have no such page.
"""

import re

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from wagtail.blocks import RichTextBlock

from articles.blocks import CaptionedImageBlock, HeadingBlock, QuoteBlock
from contacts.blocks import HelplinesBlock

from .embeds import EMBEDDABLE, iframe, published_story

RELATIVE_LINK = re.compile(r'(href|src)="/(?!/)')


def _absolute(html: str, root: str) -> str:
    """Links within this site made absolute: the HTML is read on another site."""
    return RELATIVE_LINK.sub(rf'\1="{root}/', html)


def block_html(child, story, request) -> str:
    """One body block as republished HTML; empty for what is not republished."""
    block, value = child.block, child.value
    template = None
    context = {"value": value, "story": story}
    if isinstance(block, RichTextBlock):
        return str(value)
    if isinstance(block, EMBEDDABLE):
        return iframe(request, story, child)
    if isinstance(block, HeadingBlock):
        template = "api/republish/heading.html"
    elif isinstance(block, QuoteBlock):
        template = "api/republish/quote.html"
    elif isinstance(block, HelplinesBlock):
        template = "api/republish/helplines.html"
        context["helplines"] = value.helplines_for(story)
    elif isinstance(block, CaptionedImageBlock):
        image = value.get("image")
        if image is None or not image.may_republish:
            return ""
        template = "api/republish/picture.html"
        context["rendition"] = image.get_rendition("width-1200")
    return render_to_string(template, context, request) if template else ""


def story_html(story, request) -> str:
    root = request.build_absolute_uri("/").rstrip("/")
    hero = story.hero_image if story.hero_image and story.hero_image.may_republish else None
    body = [html for child in story.body if (html := block_html(child, story, request))]
    html = render_to_string(
        "api/republish/story.html",
        {
            "story": story,
            "story_url": story.full_url,
            "hero": hero,
            "hero_rendition": hero.get_rendition("width-1200") if hero else None,
            "body": body,
        },
        request,
    )
    return _absolute(html, root)


@require_safe
def republish(request, story_id):
    story = published_story(request, story_id)
    if not story.may_be_republished:
        raise Http404("This story's licence does not let others republish it.")
    return render(
        request,
        "api/republish.html",
        {"story": story, "republish_html": story_html(story, request), "page": None},
    )
