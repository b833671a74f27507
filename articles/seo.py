"""What search engines and social networks are told about a story, built in Python.

The JSON-LD `NewsArticle` is a plain dict here (tested without HTML); the template only
serialises it. Who publishes (name, logo, social accounts) is the site's `Identity`: the
`newsroom` app provides it from its site settings (`provide_identity`), so this layer never
reads them itself; until it does, the defaults below stand in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static

SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
# Google asks for 16:9, 4:3 and 1:1 pictures at least 1200 px wide for a story in its
# results; `fill` crops around the picture's focal point.
STRUCTURED_IMAGE_FILTERS = (
    "fill-1200x675|format-jpeg",
    "fill-1200x900|format-jpeg",
    "fill-1200x1200|format-jpeg",
)
DEFAULT_LOGO = {"url": "newsroom/logo.png", "width": 600, "height": 60}
DEFAULT_SHARE_IMAGE = {"url": "newsroom/share.png", "width": 1200, "height": 630}


@dataclass(frozen=True)
class Identity:
    """The site as it names itself. Picture URLs are paths or absolute URLs."""

    name: str
    tagline: str = ""
    description: str = ""
    news_name: str = ""
    logo: dict = field(default_factory=dict)
    share_image: dict = field(default_factory=dict)
    same_as: tuple[str, ...] = ()
    x_handle: str = ""


def default_identity(request=None) -> Identity:
    return Identity(
        name=settings.WAGTAIL_SITE_NAME,
        news_name=settings.WAGTAIL_SITE_NAME,
        logo={**DEFAULT_LOGO, "url": static(DEFAULT_LOGO["url"])},
        share_image={
            **DEFAULT_SHARE_IMAGE,
            "url": static(DEFAULT_SHARE_IMAGE["url"]),
            "alt": settings.WAGTAIL_SITE_NAME,
        },
    )


_provider: Callable = default_identity


def provide_identity(provider: Callable) -> None:
    """Called once by the layer that owns the site settings."""
    global _provider
    _provider = provider


def identity(request) -> Identity:
    return _provider(request)


def share_rendition(image):
    """The picture social cards and search results show: 1200×630, JPEG for every reader."""
    return image.get_rendition(SHARE_IMAGE_FILTER) if image else None


def image_object(request, url, width, height, credit="") -> dict:
    data = {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": height,
    }
    if credit:
        data["creditText"] = credit
    return data


def publisher(request, site: Identity | None = None) -> dict:
    site = site or identity(request)
    data = {
        "@type": "NewsMediaOrganization",
        "name": site.name,
        "url": request.build_absolute_uri("/"),
    }
    if site.logo:
        data["logo"] = image_object(
            request, site.logo["url"], site.logo["width"], site.logo["height"]
        )
    if site.same_as:
        data["sameAs"] = list(site.same_as)
    return data


def breadcrumbs(request, trail) -> dict:
    """A BreadcrumbList of (name, path) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def news_article_schema(article, request) -> dict:
    url = request.build_absolute_uri(article.get_url(request))
    topics = [topic.name for topic in article.topic_list]
    schema = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.standfirst,
        "datePublished": article.published_at().isoformat(),
        "dateModified": article.modified_at().isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors
        ],
        "publisher": publisher(request),
        "articleSection": topics[0] if topics else "News",
        "keywords": topics,
        "isAccessibleForFree": True,
    }
    if article.licence_url:
        schema["license"] = article.licence_url
    if article.hero_image:
        renditions = article.hero_image.get_renditions(*STRUCTURED_IMAGE_FILTERS)
        schema["image"] = [
            image_object(
                request, rendition.url, rendition.width, rendition.height, article.hero_credit_line
            )
            for rendition in (renditions[spec] for spec in STRUCTURED_IMAGE_FILTERS)
        ]
    return schema
