import datetime
import logging
import math

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from statistics import lookup as figure_lookup
from statistics.models import PoliceForce
from statistics.widgets import ForcesWidget

from . import autosave, fulltext, routing
from .blocks import ArticleBodyBlock
from .compiled_queries import CompiledQuery
from .feeds import AtomFeed, RssFeed
from .forms import ArticlePageForm
from .guard_rails import publish_errors
from .licences import LICENCE_URLS, REPUBLISHABLE, SHORT_NAMES, Licence
from .listed_stories import Kind, ListedStoryManager
from .listings import Listing
from .pagination import listing_context

logger = logging.getLogger(__name__)

ARTICLES_PER_PAGE = 20
# Wagtail's Checks panel reads English at 238 words a minute, rounded: the byline uses the
# same rate and rounding, so both give the same minutes for the story's words.
WORDS_PER_MINUTE = 238
BLOCK_WORDS = 20  # a figure, picture or helplines block, read as about one sentence
# The group whose members approve stories in the "Editor review" workflow.
REVIEWERS = "Editors"
# The stories' sitemaps hold fixed ranges of ids (`newsroom/story_sitemaps.py`), so a story
# stays in one sitemap all its life and a publish rewrites that one, of 500 URLs at most.
STORY_IDS_PER_SITEMAP = 500


class Author(index.Indexed, models.Model):
    """A writer credited on stories. Has a public page at /authors/<slug>/."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text="For example “Reporter”.")
    bio = models.TextField("short bio", blank=True, max_length=600)
    photo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author_detail", kwargs={"slug": self.slug})

    def listing(self) -> Listing:
        return Listing(
            title=self.name,
            description=f"Stories by {self.name}, newest first.",
            path=self.get_absolute_url(),
            ids=ListedStory.objects.story_ids(Kind.AUTHOR, self.pk),
            stories=ArticlePage.objects.for_listing(),
        )


class ArticlePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's private sections, from the cached list of view restrictions."""
        q = models.Q()
        for restriction in routing.view_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else models.Q(pk__in=[])

    def published(self):
        """What readers may see: live, public stories."""
        return self.live().public()

    def listed(self):
        """Live stories, read from the story table alone (`listed_at` is set only while a
        story is live), so listings filter, count and page through one index."""
        return self.filter(listed_at__isnull=False)

    def newest_first(self):
        return self.order_by("-listed_at", "-pk")

    def for_listing(self):
        """Newest first, with what a listing card shows fetched in a fixed number of queries
        (and not the body or the search document, which a card does not show)."""
        return (
            self.defer_streamfields()
            .defer("search_vector")
            .select_related("hero_image")
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticlePageAuthor.objects.select_related("author"),
                ),
                "hero_image__renditions",
            )
            .newest_first()
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticleIndexPage(routing.CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """/news/: every story, newest first; by topic and by area; and their feeds."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    def route(self, request, path_components):
        """A story and what it shows in queries compiled once (`read_relations`); the listing
        and feed routes first, so a story can never hide one."""
        if len(path_components) == 1 and self.live:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                # A child of this index: its slug at the next depth (an indexed column), and
                # its path under this one (slugs are unique only among siblings).
                stories = [
                    story
                    for story in STORY.objects(slug=path_components[0], depth=self.depth + 1)
                    if story.path.startswith(self.path)
                ]
                if not stories:
                    raise
                stories[0].read_relations()
                return stories[0].route(request, [])
        return super().route(request, path_components)

    @path("", name="all")
    @path("topic/<str:tag>/", name="topic")
    @path("area/<slug:force>/", name="area")
    def listing(self, request, **scope):
        listing = self.listing_for(**scope)
        context = {"listing": listing, "nav": "areas" if "force" in scope else "news"}
        if "force" in scope:
            context["area_figures"] = figure_lookup.latest_for_force(force_by_slug(scope["force"]))
        return self.render(
            request,
            context_overrides={
                **context,
                **listing_context(request, listing, ARTICLES_PER_PAGE),
            },
        )

    @path("area/", name="areas")
    def areas(self, request):
        """Every police-force area with published stories, grouped by nation."""
        return self.render(
            request,
            template="articles/area_index.html",
            context_overrides={"nations": areas_by_nation(), "nav": "areas"},
        )

    @path("feed/", name="feed")
    @path("topic/<str:tag>/feed/", name="topic_feed")
    @path("area/<slug:force>/feed/", name="area_feed")
    def rss(self, request, **scope):
        return RssFeed()(request, self.listing_for(**scope))

    @path("feed/atom/", name="atom")
    @path("topic/<str:tag>/feed/atom/", name="topic_atom")
    @path("area/<slug:force>/feed/atom/", name="area_atom")
    def atom(self, request, **scope):
        return AtomFeed()(request, self.listing_for(**scope))

    def listing_for(self, *, tag=None, force=None) -> Listing:
        """The stream of stories a route shows: all news, one topic's or one area's."""
        if tag is not None:
            return self.topic_listing(tag)
        if force is not None:
            return self.area_listing(force)
        return Listing(
            title=self.title,
            description="Every story, newest first.",
            path=self.url,
            ids=self.story_ids(),
            stories=ArticlePage.objects.for_listing(),
        )

    def story_ids(self):
        """Every live, public story's id, newest first: stories live only under the one news
        index (`ArticlePage.parent_page_types`, `max_count`), so they are read from the story
        table's listing index, without the page tree."""
        return ArticlePage.objects.listed().public().newest_first().values_list("pk", flat=True)

    def topic_listing(self, slug: str) -> Listing:
        """Stories tagged with the topic `slug`; a topic no story carries is a 404."""
        tag = Tag.objects.filter(
            Exists(ArticlePageTag.objects.filter(tag=OuterRef("pk"))), slug=slug
        ).first()
        if tag is None:
            raise Http404("No such topic.")
        return Listing(
            title=f"Topic: {tag.name}",
            description=f"Stories about {tag.name}, newest first.",
            path=self.topic_url(tag.slug),
            ids=ListedStory.objects.story_ids(Kind.TOPIC, tag.pk),
            stories=ArticlePage.objects.for_listing(),
        )

    def area_listing(self, slug: str) -> Listing:
        force = force_by_slug(slug)
        return Listing(
            title=f"Area: {force.short_name}",
            description=f"Stories covering the {force.name} area, newest first.",
            path=self.area_url(force.slug),
            ids=ListedStory.objects.story_ids(Kind.AREA, force.pk),
            stories=ArticlePage.objects.for_listing(),
        )

    def topic_url(self, tag_slug: str, base_url: str | None = None) -> str:
        """/news/topic/<tag>/; `base_url` is this page's URL when the caller has it already."""
        return (base_url or self.url) + self.reverse_subpage("topic", kwargs={"tag": tag_slug})

    def areas_url(self, base_url: str | None = None) -> str:
        """/news/area/, the list of areas."""
        return (base_url or self.url) + self.reverse_subpage("areas")

    def area_url(self, force_slug: str, base_url: str | None = None) -> str:
        """/news/area/<force>/; `base_url` as for topic_url."""
        return (base_url or self.url) + self.reverse_subpage("area", kwargs={"force": force_slug})


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(routing.CachedViewRestrictionsMixin, Page):
    """A story: headline, standfirst, byline, date and a body of blocks."""

    standfirst = models.TextField(
        max_length=400,
        blank=True,  # Publishing without one is warned about, not refused: articles/guard_rails.py
        help_text="One or two sentences under the headline that sum up the story.",
    )
    publish_date = models.DateField(
        null=True,
        blank=True,
        help_text="Shown to readers. Left empty, it is the day the story is first published.",
    )
    last_updated = models.DateTimeField(
        null=True, blank=True, help_text="Set when the story is substantially updated."
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Leave empty to use the image's own alt text (its description in the image "
        "library); fill in only when this story needs another. An image needs one or the "
        "other to be published.",
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    hero_credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="Leave empty to print the image's own credit.",
    )
    topics = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name="topics")
    areas = ParentalManyToManyField(
        "statistics.PoliceForce",
        blank=True,
        related_name="articles",
        help_text="The police-force areas this story covers.",
    )
    body = StreamField(ArticleBodyBlock())
    licence = models.CharField(
        max_length=24,
        choices=Licence.choices,
        default=Licence.ALL_RIGHTS_RESERVED,
        help_text="Under CC BY-ND other outlets may republish the story unchanged, with "
        "credit: it offers them “Republish this story”.",
    )
    # Kept by save() for listings, sitemaps and search; never edited.
    listed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="published_at() while the story is live, empty while it is not.",
    )
    changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="modified_at(): dateModified and sitemap lastmod.",
    )
    figures_updated_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When a figure the live story shows last changed: readers are told.",
    )
    revised_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When a publish last changed the live headline, standfirst or body.",
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticlePageManager()

    content_panels = [
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        MultipleChooserPanel("article_authors", chooser_field_name="author", label="Authors"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading="Hero image",
        ),
        FieldPanel("body"),
        # Where readers find the story: publishing without them is warned about.
        FieldPanel(
            "topics",
            help_text="Type to find a topic; Enter adds it. Needed for the story to appear on "
            "topic pages.",
        ),
        FieldPanel(
            "areas",
            widget=ForcesWidget(hint=False),
            help_text="Tick each police-force area the story covers. Needed for it to appear on "
            "area pages and the home page's area sections.",
        ),
        MultiFieldPanel(
            [FieldPanel("publish_date"), FieldPanel("last_updated"), InlinePanel("corrections")],
            heading="Dates and corrections",
        ),
        FieldPanel("licence"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("publish_date"),
        index.RelatedFields(
            "article_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    # Editors preview the story as readers will see it, on a phone first.
    preview_sizes = [
        size for size in Page.DEFAULT_PREVIEW_SIZES if size["name"] in ("mobile", "desktop")
    ]

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        indexes = [
            # Listings and the sitemap: live stories, newest first, paged from any depth.
            # (The GIN index on search_vector is PostgreSQL's own: see the migration.)
            models.Index(
                fields=["listed_at", "page_ptr"],
                condition=models.Q(listed_at__isnull=False),
                name="article_listing_order",
            ),
            # The stories' sitemap index: each sitemap's latest change is one probe.
            models.Index(
                models.ExpressionWrapper(
                    models.F("page_ptr") / STORY_IDS_PER_SITEMAP,
                    output_field=models.IntegerField(),
                ),
                "changed_at",
                condition=models.Q(listed_at__isnull=False),
                name="article_sitemap_part",
            ),
        ]

    def clean(self):
        """Alt text is required for a hero image: it is content, not decoration. The story's
        own or else the image's description; asked for when the story is published or
        submitted; a draft (and so autosave) saves without it (`ArticlePageForm` sets
        `drafting`)."""
        super().clean()
        if self.hero_image_id and not self.hero_alt and not getattr(self, "drafting", False):
            raise ValidationError(
                {
                    "hero_alt_text": "Describe the image for people who cannot see it, here or "
                    "as its description in the image library: a story with an image needs "
                    "alt text to be published."
                }
            )

    @property
    def licence_name(self) -> str:
        return SHORT_NAMES[self.licence]

    @property
    def licence_url(self) -> str:
        """Where the licence's terms are published; empty for all rights reserved."""
        return LICENCE_URLS.get(self.licence, "")

    @property
    def may_be_republished(self) -> bool:
        return self.licence in REPUBLISHABLE

    @property
    def hero_alt(self) -> str:
        """The hero image's alt text: the story's own, else the image's description."""
        return self.hero_image.alt_for(self.hero_alt_text) if self.hero_image else ""

    @property
    def hero_credit_line(self) -> str:
        """The credit printed under the hero image: the story's own, else the image's."""
        return self.hero_image.credit_for(self.hero_credit) if self.hero_image else ""

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        """An autosave that would add a revision after a newer one is refused here, where it
        is written (`articles/autosave.py`); overwriting its own revision, Wagtail checks."""
        if overwrite_revision is None:
            autosave.refuse_stale_autosave(self)
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)

    def save(self, *args, **kwargs):
        if self.publish_date is None and self.first_published_at:
            self.publish_date = timezone.localdate(self.first_published_at)
        # A save of some fields only (a draft revision's bookkeeping) leaves what readers
        # see, and so the listing dates and the search document, as they are.
        whole = kwargs.get("update_fields") is None
        if whole:
            # The corrections as they are now, not as this object may have read them before.
            self.__dict__.pop("correction_list", None)
            if self.live and self.pk and self.publishes_new_text():
                self.revised_at = timezone.now()
            self.listed_at = self.published_at() if self.live else None
            self.changed_at = self.modified_at()
        super().save(*args, **kwargs)
        if whole:
            fulltext.index_article(self)
            ListedStory.objects.place(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[figure_lookup.CONTEXT_NAME] = figure_lookup.figures_for_stream(self.body)
        # Stories live only under the one news index: its cached copy is their parent.
        context["news_index"] = news_index(request) or self.get_parent().specific
        return context

    def read_relations(self) -> None:
        """Read what the story page shows besides its own row, one query each, their SQL
        compiled once per process (`compiled_queries`). Only for a story read from the
        database: a preview holds its relations in memory, where the properties below read
        them."""
        if self.hero_image_id:
            self.hero_image = next(iter(HERO_IMAGE.objects(pk=self.hero_image_id)), None)
        self.authors = AUTHORS.objects(pk=self.pk)
        with_photos = [author for author in self.authors if author.photo_id]
        if with_photos:
            prefetch_related_objects(with_photos, "photo__renditions")
        self.correction_list = CORRECTIONS.objects(pk=self.pk)
        self.topic_list = TOPICS.objects(pk=self.pk)
        self.area_list = areas_by_id(AREA_IDS.values(pk=self.pk))

    # Each read once per page view, however often the page asks (the byline and JSON-LD
    # both read the authors, every helplines block the areas).
    @cached_property
    def authors(self):
        return [credit.author for credit in self.article_authors.all()]

    @cached_property
    def correction_list(self):
        return list(self.corrections.all())

    @cached_property
    def topic_list(self):
        return [item.tag for item in self.tagged_items.all()]

    @cached_property
    def area_list(self):
        return list(self.areas.all())

    @cached_property
    def reading_minutes(self) -> int:
        """Minutes to read the headline, standfirst and body, as Wagtail's Checks counts
        them: words over `WORDS_PER_MINUTE`, rounded half up; at least one."""
        words = len(f"{self.title} {self.standfirst}".split())
        words += sum(block_words(block) for block in self.body)
        return max(1, math.floor(words / WORDS_PER_MINUTE + 0.5))

    @property
    def display_date(self):
        """The date readers see: the publish date, or today for a story not yet published."""
        return self.publish_date or timezone.localdate()

    # When a story was published and when it last changed, as readers and machines are told.
    # `publish_date` is a date an editor may back-date, so the moment of publication is the
    # first publication time when it falls on that day, and the start of that day otherwise.
    # A story changes when a publish changes its headline, standfirst or body, when an
    # editor marks it updated or adds a correction, and when its figures change; republishing
    # what is already live does not count.

    def published_at(self) -> datetime.datetime:
        first = self.first_published_at
        if self.publish_date is None:
            return first or timezone.now()
        if first and timezone.localdate(first) == self.publish_date:
            return first
        return start_of_day(self.publish_date)

    def publishes_new_text(self) -> bool:
        """Whether saving this live story replaces a live headline, standfirst or body that
        differs (a first publication replaces none)."""
        live = ArticlePage.objects.filter(pk=self.pk, live=True)
        stored = live.values_list("title", "standfirst", "body").first()
        if stored is None:
            return False
        body = self._meta.get_field("body")
        title, standfirst, stored_body = stored
        return (title, standfirst, body.get_prep_value(stored_body)) != (
            self.title,
            self.standfirst,
            body.get_prep_value(self.body),
        )

    def modified_at(self) -> datetime.datetime:
        """The latest of publication, the last publish that changed the text, the "updated"
        time, the time its figures last changed and the corrections' dates."""
        moments = [self.published_at()]
        for moment in (self.revised_at, self.last_updated, self.figures_updated_at):
            if moment:
                moments.append(moment)
        moments.extend(start_of_day(correction.date) for correction in self.correction_list)
        return max(moments)


def block_words(block) -> int:
    """The words a reader reads in a body block: its text, or a sentence's worth for a
    figure, picture or list of helplines."""
    if block.block_type == "paragraph":
        return len(strip_tags(block.value.source).split())
    if block.block_type in ("heading", "quote"):
        return len(block.value["text"].split())
    return BLOCK_WORDS


def start_of_day(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, related_name="article_credits", on_delete=models.CASCADE)

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]


class ListedStory(models.Model):
    """A live story's place in one topic's, area's or author's listing, its `listed_at`
    copied so the listing counts and pages along one index (`articles.listed_stories`)."""

    story = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    key = models.PositiveBigIntegerField(help_text="The topic's (tag's), force's or author's id.")
    listed_at = models.DateTimeField()

    objects = ListedStoryManager()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "key", "listed_at", "story"], name="listed_story_order")
        ]

    def __str__(self):
        return f"{self.kind} {self.key}: story {self.story_id}"


class ArticleCorrection(Orderable):
    """A correction or clarification, shown to readers with its date."""

    page = ParentalKey(ArticlePage, related_name="corrections", on_delete=models.CASCADE)
    date = models.DateField(default=timezone.localdate)
    note = models.TextField(max_length=1000)

    panels = [FieldPanel("date"), FieldPanel("note")]


class EditorReviewTask(AbstractGroupApprovalTask):
    """Group approval that withholds "Approve" while the story's guard rails fail."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and publish_errors(obj.get_latest_revision_as_object()):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # Approval publishes the latest revision, which may have been edited since the
            # editor was offered "Approve": check it again.
            latest = task_state.workflow_state.content_object.get_latest_revision_as_object()
            errors = publish_errors(latest)
            if errors:
                logger.warning("Approval of %r refused: %s", str(latest), "; ".join(errors))
                return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, if the story passes its guard rails"

    class Meta:
        verbose_name = "editor review task"
        verbose_name_plural = "editor review tasks"


# What a story page never reads of its own row and its hero picture's: the search document
# (every word of the story) and the admin's bookkeeping (drafts, locks, schedules,
# ownership, uploads). Building and reading them took 0.19 ms of the 1.7 ms the row cost.
STORY_UNSHOWN_COLUMNS = (
    "search_vector",
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "go_live_at",
    "expire_at",
    "owner",
    "show_in_menus",
    "translation_key",
)
HERO_IMAGE_UNSHOWN_COLUMNS = ("collection", "created_at", "uploaded_by_user", "file_size")


# A story by its slug and depth, and what its page shows besides its own row, by id.
STORY = CompiledQuery(
    lambda slug, depth: (
        ArticlePage.objects.filter(slug=slug, depth=depth).defer(*STORY_UNSHOWN_COLUMNS).order_by()
    ),
    slug="\x00slug",
    depth=999_999,
)
HERO_IMAGE = CompiledQuery(
    lambda pk: get_image_model().objects.filter(pk=pk).defer(*HERO_IMAGE_UNSHOWN_COLUMNS), pk=-1
)
AUTHORS = CompiledQuery(
    lambda pk: Author.objects.filter(article_credits__page_id=pk).order_by(
        "article_credits__sort_order"
    ),
    pk=-1,
)
CORRECTIONS = CompiledQuery(lambda pk: ArticleCorrection.objects.filter(page_id=pk), pk=-1)
TOPICS = CompiledQuery(
    lambda pk: Tag.objects.filter(articles_articlepagetag_items__content_object_id=pk).order_by(
        "articles_articlepagetag_items__pk"
    ),
    pk=-1,
)
AREA_IDS = CompiledQuery(
    lambda pk: ArticlePage.areas.through.objects.filter(articlepage_id=pk).values_list(
        "policeforce_id"
    ),
    pk=-1,
)


def areas_by_id(ids) -> list[PoliceForce]:
    """The forces with these ids, in name order, from the cached list (a force made since
    it was read is fetched)."""
    ids = set(ids)
    forces = [force for force in figure_lookup.forces_by_id().values() if force.pk in ids]
    if len(forces) < len(ids):
        return list(PoliceForce.objects.filter(pk__in=ids))
    return forces


def force_by_slug(slug: str) -> PoliceForce:
    """A force from the cached list (no query); an unknown slug is a 404."""
    for force in figure_lookup.all_forces():
        if force.slug == slug:
            return force
    raise Http404("No such police-force area.")


def areas_by_nation() -> list[tuple[str, list[tuple[PoliceForce, int]]]]:
    """(nation, [(force, number of stories)]) for the forces with published stories,
    nations and forces in name order: one query."""
    counts = dict(
        ListedStory.objects.public()
        .filter(kind=Kind.AREA)
        .values_list("key")
        .annotate(stories=models.Count("pk"))
        .order_by()
    )
    nations: dict[str, list] = {}
    for force in figure_lookup.all_forces():
        if force.pk in counts:
            nations.setdefault(force.get_nation_display(), []).append((force, counts[force.pk]))
    return sorted(nations.items())


def news_index(request=None) -> ArticleIndexPage | None:
    """The live news index, cached until it changes (`signal_handlers`); with a request, read
    from the cache once for that request however many links and routes ask for it."""
    if request is None:
        return routing.cached_news_index(ArticleIndexPage)
    if not hasattr(request, "_news_index"):
        request._news_index = routing.cached_news_index(ArticleIndexPage)
    return request._news_index
