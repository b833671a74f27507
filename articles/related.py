"""Stories to read next, when the editor chose none (a `related_articles` block chooses).

Up to three recent published stories that share the story's areas, then its topics: one
query, cached until a story comes or goes (the listings version), so a story page reads
none once warm.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q

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
    area_ids = [force.pk for force in article.area_list]
    tag_ids = [tag.pk for tag in article.topic_list]
    if not (area_ids or tag_ids):
        return []
    shares_area = Exists(
        ArticlePage.areas.through.objects.filter(
            articlepage_id=OuterRef("pk"), policeforce_id__in=area_ids
        )
    )
    shares_topic = Exists(
        ArticlePageTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tag_ids)
    )
    stories = (
        ArticlePage.objects.listed()
        .public()
        .exclude(pk=article.pk)
        .annotate(shares_area=shares_area, shares_topic=shares_topic)
        .filter(Q(shares_area=True) | Q(shares_topic=True))
        .order_by("-shares_area", "-listed_at", "-pk")
        .only("title", "url_path", "listed_at", "publish_date")[:RELATED_COUNT]
    )
    return [
        {"title": story.title, "url": story.get_url(request), "date": story.publish_date}
        for story in stories
    ]
