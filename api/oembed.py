"""`/oembed/?url=…&format=json`: a chart by its story's or its own URL, for Wagtail,
WordPress and any oEmbed consumer (https://oembed.com/, type "rich").

A story's URL embeds its first figure block; an `/embed/…` URL embeds that one. Only this
site's URLs (the host asked, or the Site's own, which `SITE_URL` sets) of published stories
are answered; anything else is a 404, and `format=xml` a 501, as the specification asks.
"""

from urllib.parse import urlsplit

from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from wagtail.models import Page, Site

from articles.models import ArticlePage

from .embeds import HEIGHT, WIDTH, embeddable_blocks, find_block, iframe, published_story


def _bad(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def _size(request, name: str, default: int) -> int:
    text = request.GET.get(name, "")
    return min(int(text), default) if text.isdigit() and int(text) > 0 else default


def _story_and_block(request, url: str):
    parts = urlsplit(url)
    site = Site.find_for_request(request)
    hosts = {request.get_host(), urlsplit(site.root_url).netloc if site else None}
    if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
        raise Http404("Not a URL of this site.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is not None and match.url_name == "embed":
        story = published_story(request, match.kwargs["story_id"])
        return story, find_block(story, match.kwargs["block_id"])
    page = Page.find_for_request(request, parts.path)
    if page is None or not isinstance(page.specific, ArticlePage):
        raise Http404("Not a story of this site.")
    story = published_story(request, page.pk)
    blocks = embeddable_blocks(story)
    if not blocks:
        raise Http404("The story has no figure to embed.")
    return story, blocks[0]


@require_safe
def oembed(request):
    url = request.GET.get("url", "").strip()
    if not url:
        return _bad("Give the URL of a story or a chart: ?url=…", 400)
    if request.GET.get("format", "json") != "json":
        return _bad("Only format=json is offered.", 501)
    try:
        story, child = _story_and_block(request, url)
    except Http404 as error:
        return _bad(str(error), 404)
    width = _size(request, "maxwidth", WIDTH)
    height = _size(request, "maxheight", HEIGHT)
    site_root = request.build_absolute_uri("/")
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": f"{story.title}: {child.block.label}",
            "provider_name": request.get_host(),
            "provider_url": site_root,
            "html": iframe(request, story, child, width, height),
            "width": width,
            "height": height,
            "cache_age": 600,
        }
    )
