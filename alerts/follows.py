"""What a form may ask to follow, written as one value per choice: `area:<force>`,
`topic:<tag>`, `author:<slug>`, `figures:<force>` or `figures:<force>:<measure>`. Forms
carry these values; `parse` turns one back into a subscription's fields, or None."""

from django.db.models import Exists, OuterRef

from taggit.models import Tag

from articles.models import ArticlePageTag, Author
from statistics.lookup import all_forces, all_measures

from .models import Follow, Subscription


def _force(slug):
    return next((force for force in all_forces() if force.slug == slug), None)


def _measure(slug):
    return next((measure for measure in all_measures() if measure.slug == slug), None)


def parse(value: str) -> dict | None:
    """The fields of the subscription `value` asks for; None for anything unknown."""
    follow, _, rest = value.partition(":")
    if follow == Follow.AREA:
        force = _force(rest)
        return force and {"follow": follow, "force": force}
    if follow == Follow.TOPIC:
        tag = Tag.objects.filter(
            Exists(ArticlePageTag.objects.filter(tag=OuterRef("pk"))), slug=rest
        ).first()
        return tag and {"follow": follow, "tag": tag}
    if follow == Follow.AUTHOR:
        author = Author.objects.filter(slug=rest).first()
        return author and {"follow": follow, "author": author}
    if follow == Follow.FIGURES:
        force_slug, _, measure_slug = rest.partition(":")
        force = _force(force_slug)
        measure = _measure(measure_slug) if measure_slug else None
        if force is None or (measure_slug and measure is None):
            return None
        return {"follow": follow, "force": force, "measure": measure}
    return None


def value_of(subscription: Subscription) -> str:
    if subscription.follow == Follow.TOPIC:
        return f"topic:{subscription.tag.slug}"
    if subscription.follow == Follow.AUTHOR:
        return f"author:{subscription.author.slug}"
    if subscription.follow == Follow.AREA:
        return f"area:{subscription.force.slug}"
    measure = f":{subscription.measure.slug}" if subscription.measure_id else ""
    return f"figures:{subscription.force.slug}{measure}"


def label(value: str) -> str | None:
    fields = parse(value)
    return Subscription(**fields).label if fields else None
