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
        latest = list(ArticlePage.objects.descendant_of(self).published().for_listing()[:11])
        context["lead"] = latest[0] if latest else None
        context["latest"] = latest[1:]
        context["area_sections"] = self.area_sections()
        return context

    def area_sections(self) -> list[tuple[PoliceForce, list[ArticlePage]]]:
        """Each area with its latest stories, areas in name order.

        Built from the latest stories in one pass, so the home page costs the same number of
        queries however many areas and stories there are.
        """
        recent = (
            ArticlePage.objects.published()
            .for_listing()
            .descendant_of(self)
            .prefetch_related("areas")
        )
        sections: dict[PoliceForce, list[ArticlePage]] = {}
        for article in recent[:HOME_AREA_WINDOW]:
            for force in article.areas.all():
                stories = sections.setdefault(force, [])
                if len(stories) < HOME_AREA_STORIES:
                    stories.append(article)
        return sorted(sections.items(), key=lambda item: item[0].name)
