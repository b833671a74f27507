"""Wagtail's API v2 at `/api/v2/`: published stories, with their figures resolved, and pictures.

`StoriesAPIViewSet` is Wagtail's pages endpoint narrowed to what readers may see: live,
public stories (never a draft, a private or a scheduled one), newest first,
filtered by topic, area, author and date. Its fields are declared here, not as `api_fields`
on `ArticlePage`, so that the story model knows nothing of the API above it
(`get_body_fields` is the one Wagtail method this relies on: tests/api/test_pages_api.py).
A listing costs a fixed number of queries whatever its size; a story's body, with one query
for all its figures, is shown on the story's own URL only.
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.fields import Field
from rest_framework.renderers import JSONRenderer

from articles.models import ArticlePage, ArticlePageAuthor
from articles.pagination import CountedIds, listings_version

from .block_values import body_data
from .pictures import picture_data
from .policy import OpenDataPolicy
from .schema import LISTING_PARAMETERS, PICTURE, STORY, STORY_PARAMETERS, WAGTAIL_ERROR, listing


class PageField(Field):
    """A field computed from the whole story."""

    def __init__(self, represent, **kwargs):
        self.represent = represent
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.represent(page, self.context["request"])


def _authors(page, request):
    return [
        {
            "name": author.name,
            "slug": author.slug,
            "role": author.role,
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in page.authors
    ]


def _hero(page, request):
    if page.hero_image is None:
        return None
    return {
        "picture": picture_data(page.hero_image),
        "alt": page.hero_alt,
        "caption": page.hero_caption,
        "credit": page.hero_credit_line,
    }


def _licence(page, request):
    return {
        "code": page.licence,
        "name": page.licence_name,
        "url": page.licence_url or None,
        "republish_url": request.build_absolute_uri(reverse("republish", args=[page.pk]))
        if page.may_be_republished
        else None,
    }


STORY_FIELDS = [
    APIField("standfirst"),
    APIField("publish_date"),
    APIField("last_updated"),
    APIField("authors", serializer=PageField(_authors)),
    APIField("topics", serializer=PageField(lambda page, r: [t.slug for t in page.topic_list])),
    APIField(
        "areas",
        serializer=PageField(
            lambda page, r: [{"slug": f.slug, "name": f.name} for f in page.areas.all()]
        ),
    ),
    APIField("hero", serializer=PageField(_hero)),
    APIField("licence", serializer=PageField(_licence)),
    APIField("body", serializer=PageField(body_data)),
]


# The largest id or offset a database column holds: past it, there is nothing to find.
LARGEST = 2**63 - 1
CARD_SECONDS = 24 * 60 * 60


class BoundedPagination(WagtailPagination):
    """Wagtail's limit and offset, read in two steps: the page's ids first (from the story
    table's index alone, however far the offset), then those rows with what they show. An
    offset past any database's integers is answered with nothing, not a database error.
    The page's ids are kept (`ids`) for the story cards' cache."""

    def paginate_queryset(self, queryset, request, view=None):
        ids = queryset.select_related(None).prefetch_related(None).values_list("pk", flat=True)
        page = super().paginate_queryset(CountedIds(ids), request, view)
        self.ids = [] if int(request.GET.get("offset", 0)) > LARGEST else list(page)
        return queryset.filter(pk__in=self.ids)


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's filter by a field's value (`?first_published_at=…`), with a value the field
    cannot hold answered 400, as Wagtail answers a bad id, instead of a 500."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError) as error:
            detail = " ".join(error.messages) if isinstance(error, ValidationError) else error
            raise BadRequestError(f"a filter's value does not fit its field: {detail}") from error


class BoundedIds:
    """A detail URL whose id no database column could hold is a plain 404."""

    def get_object(self):
        if int(self.kwargs["pk"]) > LARGEST:
            raise Http404("No item has this id.")
        return super().get_object()


def _date(request, name):
    text = request.GET.get(name)
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise BadRequestError(f"{name}: a date as YYYY-MM-DD, not {text!r}") from error


class StoryFilter:
    """`topic`, `area` and `author` by slug; `published_after`/`published_before` inclusive."""

    parameters = ("topic", "area", "author", "published_after", "published_before")

    def filter_queryset(self, request, queryset, view):
        if topic := request.GET.get("topic"):
            queryset = queryset.filter(tagged_items__tag__slug=topic)
        if area := request.GET.get("area"):
            queryset = queryset.filter(areas__slug=area)
        if author := request.GET.get("author"):
            queryset = queryset.filter(article_authors__author__slug=author)
        if after := _date(request, "published_after"):
            queryset = queryset.filter(publish_date__gte=after)
        if before := _date(request, "published_before"):
            queryset = queryset.filter(publish_date__lte=before)
        return queryset


class StoriesAPIViewSet(OpenDataPolicy, BoundedIds, PagesAPIViewSet):
    model = ArticlePage
    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination
    filter_backends = [CheckedFieldsFilter, StoryFilter, OrderingFilter]
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "order", *StoryFilter.parameters]
    )
    body_fields = ["id", "title"]
    meta_fields = [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "last_published_at",
        "search_description",
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "html_url",
        "title",
        "slug",
        "standfirst",
        "publish_date",
        "authors",
        "topics",
        "areas",
        "hero",
        "licence",
    ]
    detail_only_fields = ["body"]

    @extend_schema(
        operation_id="stories_list",
        summary="Published stories, newest first",
        parameters=LISTING_PARAMETERS + STORY_PARAMETERS,
        responses={200: OpenApiResponse(listing(STORY)), 400: WAGTAIL_ERROR},
    )
    def listing_view(self, request):
        """Each story's card is serialised once until listings next change (a publish, an
        author's or a picture's edit), for every list that shows it; `?fields=` lists are
        serialised afresh."""
        if "fields" in request.GET:
            return super().listing_view(request)
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.paginate_queryset(self.filter_queryset(queryset))
        return self.get_paginated_response(self.story_cards(queryset, self.paginator.ids))

    def story_cards(self, stories, ids):
        prefix = f"api:story-card:{listings_version()}:{self.request.build_absolute_uri('/')}"
        keys = {pk: f"{prefix}:{pk}" for pk in ids}
        cards = cache.get_many(keys.values())
        missing = [pk for pk in ids if keys[pk] not in cards]
        if missing:
            fresh = self.get_serializer(stories.filter(pk__in=missing), many=True).data
            new = {keys[card["id"]]: card for card in fresh}
            cache.set_many(new, CARD_SECONDS)
            cards.update(new)
        return [cards[keys[pk]] for pk in ids if keys[pk] in cards]

    @extend_schema(
        operation_id="stories_retrieve",
        summary="A published story, its body's figures and helplines resolved",
        parameters=LISTING_PARAMETERS[2:3],
        responses={200: OpenApiResponse(STORY), 400: WAGTAIL_ERROR, 404: WAGTAIL_ERROR},
    )
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + STORY_FIELDS)

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    def get_base_queryset(self):
        """Live, public stories, newest first: read as the site's listings read them, from
        the story table's listing index (`listed()`), so a page of 50 at any offset and its
        count stay fast at 100,000 stories. Stories live only under the one news index."""
        return (
            ArticlePage.objects.listed()
            .public()
            .defer("search_vector")
            .order_by("-listed_at", "-pk")
        )

    def get_queryset(self):
        return (
            self.get_base_queryset()
            .select_related("hero_image")
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticlePageAuthor.objects.select_related("author"),
                ),
                "tagged_items__tag",
                "areas",
                "hero_image__renditions",
            )
        )


class PicturesAPIViewSet(OpenDataPolicy, BoundedIds, ImagesAPIViewSet):
    """Wagtail's images endpoint, with each picture's alt text (its description) and credit."""

    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination
    body_fields = ImagesAPIViewSet.body_fields + ["description", "credit"]
    known_query_parameters = frozenset(["limit", "offset", "fields", "order"])
    filter_backends = [CheckedFieldsFilter, OrderingFilter]

    @extend_schema(
        operation_id="pictures_list",
        summary="Pictures",
        parameters=LISTING_PARAMETERS,
        responses={200: OpenApiResponse(listing(PICTURE)), 400: WAGTAIL_ERROR},
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="pictures_retrieve",
        summary="A picture",
        parameters=LISTING_PARAMETERS[2:3],
        responses={200: OpenApiResponse(PICTURE), 400: WAGTAIL_ERROR, 404: WAGTAIL_ERROR},
    )
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)
