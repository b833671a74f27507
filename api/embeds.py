"""`/embed/<story>/<block>/`: one figure block of a published story on a page of its own.

Any site may frame it (`frame-ancestors *`, set for `settings.FRAMEABLE_URL_PREFIXES` by
`newsroom.headers`); it sets no cookie, loads nothing but its own stylesheet, and shows the
figures as they are now, with the source and a link back to the story.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from wagtail.models import Site

from articles.models import ArticlePage
from statistics.blocks import FigureComparisonBlock, FigureTableBlock
from statistics.lookup import CONTEXT_NAME, figures_for_blocks

EMBEDDABLE = (FigureComparisonBlock, FigureTableBlock)  # tables and charts
WIDTH, HEIGHT = 640, 480


def iframe(request, story, block, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The `<iframe>` another site pastes (or an oEmbed consumer is given) to show a figure."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        request.build_absolute_uri(embed_url(story, block.id)),
        width,
        height,
        f"{story.title}: {block.block.label}",
    )


def embed_url(page, block_id) -> str:
    return reverse("embed", kwargs={"story_id": page.pk, "block_id": block_id})


def discovery_url(request, url: str) -> str:
    """The oEmbed address of a story's or an embed's URL, for a discovery `<link>`."""
    query = urlencode({"url": url, "format": "json"})
    return request.build_absolute_uri(f"{reverse('oembed')}?{query}")


def published_story(request, story_id) -> ArticlePage:
    site = Site.find_for_request(request)
    story = (
        ArticlePage.objects.published().descendant_of(site.root_page).filter(pk=story_id).first()
        if site
        else None
    )
    if story is None:
        raise Http404("No published story has this id.")
    return story


def embeddable_blocks(story) -> list:
    return [child for child in story.body if isinstance(child.block, EMBEDDABLE)]


def find_block(story, block_id: str):
    for child in embeddable_blocks(story):
        if str(child.id) == str(block_id):
            return child
    raise Http404("The story has no figure with this id.")


@require_safe
@xframe_options_exempt
def embed(request, story_id, block_id):
    story = published_story(request, story_id)
    child = find_block(story, block_id)
    context = {
        "page": story,
        "request": request,
        "block_id": child.id,
        CONTEXT_NAME: figures_for_blocks([(child.block, child.value)]),
    }
    return render(
        request,
        "api/embed.html",
        {
            "story": story,
            "block_html": child.block.render(child.value, context=context),
            "oembed_url": discovery_url(request, request.build_absolute_uri()),
        },
    )
