"""The site's root page."""

from django.db import models
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from articles.models import ArticlePage, news_index
from articles.pagination import listings_version
from articles.routing import CachedViewRestrictionsMixin
from statistics.models import PoliceForce

HOME_AREA_STORIES = 3
HOME_AREA_WINDOW = 60
HOME_LATEST = 10
HOME_FEATURED = 4


class HomePage(CachedViewRestrictionsMixin, Page):
    """The front page: the lead story, the latest ones, and a section per area."""

    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to lead with the newest story. A story that is not live is skipped.",
    )
    featured_stories = StreamField(
        [("story", blocks.PageChooserBlock(page_type="articles.ArticlePage"))],
        blank=True,
        max_num=HOME_FEATURED,
        help_text=f"Up to {HOME_FEATURED} stories shown under the lead, in this order.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead_story"),
        FieldPanel("featured_stories"),
    ]

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
        context["stories"] = HomeStories(self)
        context["stories_version"] = f"{listings_version()}:{self.chosen_ids()}"
        return context

    def chosen_ids(self) -> list[int]:
        """The editors' lead and featured stories' ids, read without a query."""
        featured = [item["value"] for item in self.featured_stories.raw_data if item.get("value")]
        return [self.lead_story_id, *featured]


class HomeStories:
    """The home page's lead, featured, latest and area sections, read from the newest stories
    once (and the editors' choices not among them in one more query); no story twice."""

    def __init__(self, home: HomePage):
        self.home = home

    @cached_property
    def recent(self) -> list[ArticlePage]:
        """Enough for the lead, the latest and the area sections: one query, and one per
        prefetched relation."""
        stories = ArticlePage.objects.listed().public().for_listing().prefetch_related("areas")
        return list(stories[:HOME_AREA_WINDOW])

    @cached_property
    def chosen(self) -> dict[int, ArticlePage]:
        """The editors' lead and featured stories that are live, by id."""
        ids = {pk for pk in self.home.chosen_ids() if pk}
        found = {story.pk: story for story in self.recent if story.pk in ids}
        if ids - found.keys():
            found |= {
                story.pk: story
                for story in ArticlePage.objects.listed()
                .public()
                .for_listing()
                .prefetch_related("areas")
                .filter(pk__in=ids - found.keys())
            }
        return found

    @cached_property
    def lead(self):
        """The editors' lead story, or the newest."""
        chosen = self.chosen.get(self.home.lead_story_id)
        return chosen or (self.recent[0] if self.recent else None)

    @cached_property
    def featured(self) -> list[ArticlePage]:
        lead = self.lead.pk if self.lead else None
        featured, seen = [], {lead}
        for pk in self.home.chosen_ids()[1:]:
            if pk in self.chosen and pk not in seen:
                featured.append(self.chosen[pk])
                seen.add(pk)
        return featured[:HOME_FEATURED]

    @cached_property
    def latest(self):
        shown = {story.pk for story in [self.lead, *self.featured] if story}
        return [story for story in self.recent if story.pk not in shown][:HOME_LATEST]

    @cached_property
    def area_sections(self) -> list[tuple[PoliceForce, list[ArticlePage]]]:
        """Each area with its latest stories not shown above, areas in name order, each story
        once (under the first of its areas with room), built in one pass, so the home page
        costs the same number of queries however many areas and stories there are."""
        shown = {story.pk for story in [self.lead, *self.featured, *self.latest] if story}
        sections: dict[PoliceForce, list[ArticlePage]] = {}
        for article in self.recent:
            if article.pk in shown:
                continue
            for force in sorted(article.areas.all(), key=lambda force: force.name):
                stories = sections.setdefault(force, [])
                if len(stories) < HOME_AREA_STORIES:
                    stories.append(article)
                    break
        return sorted(
            ((force, stories) for force, stories in sections.items() if stories),
            key=lambda item: item[0].name,
        )
