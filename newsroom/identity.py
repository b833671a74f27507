"""The site's identity (name, logo, share picture, social accounts) from its `SiteSettings`,
read once and cached until the settings or a picture change, so naming the site costs a
page no query. `articles.seo` asks for it through `provide_identity` (wired in `apps.py`);
templates get it as `identity` (`context_processor`).
"""

from django.conf import settings as django_settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Site

from articles.seo import Identity, default_identity, share_rendition

from .models import SiteSettings

CACHE_KEY = "newsroom:identity:{site_id}"
LOGO_FILTER = "max-600x60|format-png"


def build(settings: SiteSettings) -> Identity:
    fallback = default_identity()
    logo = fallback.logo
    if settings.publisher_logo:
        rendition = settings.publisher_logo.get_rendition(LOGO_FILTER)
        logo = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
    share_image = {**fallback.share_image, "alt": settings.site_name}
    if settings.default_share_image:
        rendition = share_rendition(settings.default_share_image)
        share_image = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": settings.default_share_image.alt_for(settings.default_share_alt),
        }
    same_as = [
        f"https://bsky.app/profile/{settings.bluesky_handle.lstrip('@')}"
        if settings.bluesky_handle
        else "",
        settings.mastodon_url,
        f"https://x.com/{settings.x_handle.lstrip('@')}" if settings.x_handle else "",
        settings.facebook_url,
    ]
    return Identity(
        name=settings.site_name,
        tagline=settings.tagline,
        description=settings.description,
        news_name=settings.news_publication_name or settings.site_name,
        logo=logo,
        share_image=share_image,
        same_as=tuple(url for url in same_as if url),
        x_handle=settings.x_handle.lstrip("@"),
    )


def for_site(site: Site | None) -> Identity:
    if site is None:
        return default_identity()
    return caches["site_objects"].get_or_set(
        CACHE_KEY.format(site_id=site.pk),
        lambda: build(SiteSettings.for_site(site)),
        django_settings.OBJECT_CACHE_SECONDS,
    )


def for_request(request) -> Identity:
    if request is None:
        return default_identity()
    if not hasattr(request, "_identity"):
        request._identity = for_site(Site.find_for_request(request))
    return request._identity


def forget(**kwargs) -> None:
    """Settings or a picture changed: every site's identity is read again."""
    caches["site_objects"].delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )


def context_processor(request):
    return {"identity": for_request(request)}


def connect() -> None:
    for model in (SiteSettings, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(forget, sender=model, dispatch_uid=f"newsroom.identity-{model}-{signal}")
