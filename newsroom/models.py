"""The site's root page."""

from django.utils.functional import cached_property

from wagtail.models import Page

from articles.models import ArticlePage, news_index
from articles.pagination import listings_version
from articles.routing import CachedViewRestrictionsMixin
from statistics.models import PoliceForce

HOME_AREA_STORIES = 3
HOME_AREA_WINDOW = 60


class HomePage(CachedViewRestrictionsMixin, Page):
    """The front page: the lead story, the latest ones, and a section per area."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        """The news index from the cache rather than the tree (two queries fewer a page)."""
        index = news_index()
        if (
            path_components
            and index is not None
            and index.slug == path_components[0]
            and index.path.startswith(self.path)
            and index.depth == self.depth + 1
        ):
            index._cached_parent_obj = self
            return index.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The stories are rendered once per listings version (they change only when a story
        comes or goes), so they are read lazily: only when the cached fragment is missing."""
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = HomeStories()
        context["stories_version"] = listings_version()
        return context


class HomeStories:
    """The home page's lead, latest and area sections, read from the newest stories once."""

    @cached_property
    def recent(self) -> list[ArticlePage]:
        """Enough for the lead, the latest and the area sections: one query, and one per
        prefetched relation."""
        stories = ArticlePage.objects.listed().public().for_listing().prefetch_related("areas")
        return list(stories[:HOME_AREA_WINDOW])

    @property
    def lead(self):
        return self.recent[0] if self.recent else None

    @property
    def latest(self):
        return self.recent[1:11]

    @cached_property
    def area_sections(self) -> list[tuple[PoliceForce, list[ArticlePage]]]:
        """Each area with its latest stories, areas in name order, built in one pass, so the
        home page costs the same number of queries however many areas and stories there are.
        """
        sections: dict[PoliceForce, list[ArticlePage]] = {}
        for article in self.recent:
            for force in article.areas.all():
                stories = sections.setdefault(force, [])
                if len(stories) < HOME_AREA_STORIES:
                    stories.append(article)
        return sorted(sections.items(), key=lambda item: item[0].name)
