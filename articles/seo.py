"""What search engines and social networks are told about a story, built in Python.

The JSON-LD `NewsArticle` is a plain dict here (tested without HTML); the template only
serialises it.
"""

from django.conf import settings
from django.templatetags.static import static

SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
PUBLISHER_LOGO = ("newsroom/logo.png", 600, 60)


def share_rendition(image):
    """The picture social cards and search results show: 1200×630, JPEG for every reader."""
    return image.get_rendition(SHARE_IMAGE_FILTER) if image else None


def publisher(request) -> dict:
    path, width, height = PUBLISHER_LOGO
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(path)),
            "width": width,
            "height": height,
        },
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
    }
    rendition = share_rendition(article.hero_image)
    if rendition:
        schema["image"] = [
            {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        ]
    return schema
