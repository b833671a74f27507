"""Stories to read next, when the editor chose none (a `related_articles` block chooses).

Up to three recent published stories that share the story's areas, then its topics: one
query, two when fewer than three share an area, cached until a story comes or goes (the
listings version), so a story page reads none once warm.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef

from .models import ArticlePage, ArticlePageTag
from .pagination import listings_version

RELATED_COUNT = 3
CACHE_TIMEOUT = 24 * 60 * 60


def related_stories(article, request=None) -> list[dict]:
    """[{"title", "url", "date"}] for `article`, best first."""
    key = f"articles:related:{listings_version()}:{article.pk}"
    found = cache.get(key)
    if found is None:
        found = _find(article, request)
        cache.set(key, found, CACHE_TIMEOUT)
    return found


def _find(article, request) -> list[dict]:
    """The newest stories sharing an area, then, if fewer than three, the newest sharing a
    topic: each query walks the listing index newest first and stops at three, so its cost
    does not grow with the archive (ranking "shares an area" first in one query would sort
    every related story)."""
    area_ids = [force.pk for force in article.area_list]
    tag_ids = [tag.pk for tag in article.topic_list]
    candidates = (
        ArticlePage.objects.listed()
        .public()
        .exclude(pk=article.pk)
        .newest_first()
        .only("title", "url_path", "listed_at", "publish_date")
    )
    found = []
    if area_ids:
        shares_area = ArticlePage.areas.through.objects.filter(
            articlepage_id=OuterRef("pk"), policeforce_id__in=area_ids
        )
        found = list(candidates.filter(Exists(shares_area))[:RELATED_COUNT])
    if len(found) < RELATED_COUNT and tag_ids:
        shares_topic = ArticlePageTag.objects.filter(
            content_object_id=OuterRef("pk"), tag_id__in=tag_ids
        )
        more = candidates.exclude(pk__in=[story.pk for story in found]).filter(Exists(shares_topic))
        found += more[: RELATED_COUNT - len(found)]
    return [
        {"title": story.title, "url": story.get_url(request), "date": story.publish_date}
        for story in found
    ]
