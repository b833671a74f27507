"""The site's root page and the site's own settings."""

from django.db import models
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
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
        index = news_index(request)
        if (
            path_components
            and index is not None
            and index.slug == path_components[0]
            and index.path.startswith(self.path)
            and index.depth == self.depth + 1
        ):
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


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the site calls itself, wherever it does: page titles, share cards, feeds,
    structured data and the Google News sitemap (read through `newsroom.identity`)."""

    site_name = models.CharField(max_length=80, default="Newsroom")
    tagline = models.CharField(
        max_length=160,
        default="Data-led public-interest journalism for the region",
        help_text="One line, in the footer and under the site's name in search results.",
    )
    description = models.CharField(
        max_length=300,
        default=(
            "Data-led public-interest journalism for the region: crime, councils, transport "
            "and the figures behind them."
        ),
        help_text="The description search engines show for pages that have none of their own.",
    )
    default_share_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without a picture of its own is shared (cropped 1200×630).",
    )
    default_share_alt = models.CharField(
        "share image alt text",
        max_length=250,
        blank=True,
        help_text="Leave empty to use the image's own alt text (its description).",
    )
    publisher_logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The logo search engines show beside stories (scaled to 60 px high).",
    )
    news_publication_name = models.CharField(
        "Google News publication name",
        max_length=80,
        blank=True,
        help_text="As registered with Google News; the site name when empty.",
    )
    bluesky_handle = models.CharField(
        max_length=100, blank=True, help_text="For example “newsroom.bsky.social”."
    )
    mastodon_url = models.URLField(
        "Mastodon profile", blank=True, help_text="For example “https://mastodon.social/@newsroom”."
    )
    x_handle = models.CharField("X handle", max_length=50, blank=True, help_text="Without the @.")
    facebook_url = models.URLField("Facebook page", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("description")],
            heading="Name",
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher_logo"),
                FieldPanel("default_share_image"),
                FieldPanel("default_share_alt"),
                FieldPanel("news_publication_name"),
            ],
            heading="Search engines and sharing",
        ),
        MultiFieldPanel(
            [
                FieldPanel("bluesky_handle"),
                FieldPanel("mastodon_url"),
                FieldPanel("x_handle"),
                FieldPanel("facebook_url"),
            ],
            heading="Social accounts",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
