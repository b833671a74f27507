"""Links into the news index's topic and area pages, and a story's structured data."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles import related, seo, sharing
from articles.models import news_index as cached_news_index

register = template.Library()


def news_index(request):
    """The single news index, cached site-wide (read once per request)."""
    return cached_news_index(request)


def news_index_url(request):
    """The news index's address, worked out once per request however many links need it."""
    if not hasattr(request, "_news_index_url"):
        request._news_index_url = news_index(request).get_url(request)
    return request._news_index_url


@register.simple_tag(takes_context=True)
def news_url(context) -> str:
    """Where "all stories" links go: the news index, or the home page while there is none
    (and on the 500 page, rendered without a request so that it needs no database)."""
    request = context.get("request")
    if request is None or news_index(request) is None:
        return reverse("wagtail_serve", args=[""])
    return news_index_url(request)


@register.simple_tag(takes_context=True)
def areas_url(context) -> str:
    """/news/area/, the list of areas (the home page while there is no news index)."""
    request = context.get("request")
    if request is None or news_index(request) is None:
        return reverse("wagtail_serve", args=[""])
    return news_index(request).areas_url(news_index_url(request))


@register.simple_tag(takes_context=True)
def topic_url(context, tag):
    request = context["request"]
    return news_index(request).topic_url(tag.slug, news_index_url(request))


@register.simple_tag(takes_context=True)
def area_url(context, force):
    request = context["request"]
    return news_index(request).area_url(force.slug, news_index_url(request))


def and_join(parts: list[SafeString]) -> SafeString:
    """ "A", "A and B", "A, B and C" of parts already escaped."""
    if len(parts) < 2:
        return mark_safe("".join(parts))
    return format_html("{} and {}", mark_safe(", ".join(parts[:-1])), parts[-1])


@register.filter
def author_links(authors) -> SafeString:
    """The byline's names, each a link to the author's page, joined as readers say them."""
    return and_join(
        [format_html('<a href="{}">{}</a>', a.get_absolute_url(), a.name) for a in authors]
    )


@register.simple_tag(takes_context=True)
def news_article_schema(context, article):
    return seo.news_article_schema(article, context["request"])


@register.simple_tag
def share_rendition(image):
    return seo.share_rendition(image)


@register.filter
def has_figure_blocks(stream) -> bool:
    """Whether a body shows figures, and so needs the statistics stylesheet."""
    return any(hasattr(child.block, "figure_query") for child in stream)


@register.simple_tag(takes_context=True)
def related_stories(context, article):
    """Stories to read next, unless the editor chose some in the body."""
    if any(block.block_type == "related_articles" for block in article.body):
        return []
    return related.related_stories(article, context["request"])


@register.filter
def live_only(articles):
    """Chosen stories readers can open: a story unpublished since it was chosen is left out."""
    return [article for article in articles if article is not None and article.live]


@register.simple_tag(takes_context=True)
def share_links(context, article):
    request = context["request"]
    return sharing.share_links(article.title, request.build_absolute_uri(article.get_url(request)))
