"""The site's root page."""

from wagtail.models import Page

from articles.models import ArticlePage
from statistics.models import PoliceForce

HOME_AREA_STORIES = 3
HOME_AREA_WINDOW = 60


class HomePage(Page):
    """The front page: the lead story, the latest ones, and a section per area."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        recent = self.recent_stories()
        context["lead"] = recent[0] if recent else None
        context["latest"] = recent[1:11]
        context["area_sections"] = self.area_sections(recent)
        return context

    def recent_stories(self) -> list[ArticlePage]:
        """The newest stories, enough for the lead, the latest and the area sections, read
        once (one query, and one per prefetched relation)."""
        stories = ArticlePage.objects.listed().public().for_listing().prefetch_related("areas")
        return list(stories[:HOME_AREA_WINDOW])

    def area_sections(self, recent) -> list[tuple[PoliceForce, list[ArticlePage]]]:
        """Each area with its latest stories, areas in name order.

        Built from `recent_stories()` in one pass, so the home page costs the same number of
        queries however many areas and stories there are.
        """
        sections: dict[PoliceForce, list[ArticlePage]] = {}
        for article in recent:
            for force in article.areas.all():
                stories = sections.setdefault(force, [])
                if len(stories) < HOME_AREA_STORIES:
                    stories.append(article)
        return sorted(sections.items(), key=lambda item: item[0].name)
