"""Tags for the <head> of every public page: canonical address, absolute URLs, JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from articles import seo
from newsroom import structured_data

register = template.Library()

# What json_script escapes, so no string in the data can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's own address: no query string, except a page number past the first."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_number = request.GET.get("page", "")
    if page_number.isdigit() and int(page_number) > 1:
        url += f"?page={int(page_number)}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.filter
def json_ld(data):
    """`data` as a <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def home_schemas(context):
    return structured_data.home(context["request"])


@register.simple_tag(takes_context=True)
def profile_schema(context, author, photo=None):
    return structured_data.profile_page(context["request"], author, photo)


@register.simple_tag(takes_context=True)
def dataset_schema(context, measure, grid):
    return structured_data.dataset(context["request"], measure, grid)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, *names_and_paths):
    """`{% breadcrumbs "News" "/news/" story.title story.url as trail %}`: home comes first."""
    pairs = list(zip(names_and_paths[::2], names_and_paths[1::2], strict=True))
    request = context["request"]
    return seo.breadcrumbs(request, [("Home", "/"), *pairs])
