"""The OpenAPI schema beyond what drf-spectacular reads from serializers: only `/api/` is
described, and Wagtail's endpoints, whose fields are chosen per request, get a shape of
their own here."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

SCHEMA_ITSELF = ("/api/schema/", "/api/docs/")


def public_api_only(endpoints, **kwargs):
    """drf-spectacular's preprocessing hook: the public API, not the admin's own."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/")
        and not endpoint[0].startswith(SCHEMA_ITSELF)
        and not endpoint[0].endswith("/find/")
    ]


def _nullable(kind: str, **more) -> dict:
    return {"type": kind, "nullable": True, **more}


OBJECT = {"type": "object"}
WAGTAIL_ERROR = OpenApiResponse(
    {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
    description="A parameter that is not understood, or nothing with this id.",
)
STORY = {
    "type": "object",
    "description": "A story. Which fields come is chosen with `fields` (all on a story's "
    "own URL); the body's figure blocks carry their numbers, helplines their numbers today.",
    "properties": {
        "id": {"type": "integer"},
        "meta": OBJECT,
        "title": {"type": "string"},
        "standfirst": {"type": "string"},
        "publish_date": _nullable("string", format="date"),
        "last_updated": _nullable("string", format="date-time"),
        "authors": {"type": "array", "items": OBJECT},
        "topics": {"type": "array", "items": {"type": "string"}},
        "areas": {"type": "array", "items": OBJECT},
        "hero": _nullable("object"),
        "licence": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "enum": ["all-rights-reserved", "cc-by-nd-4.0"]},
                "name": {"type": "string"},
                "url": _nullable("string"),
                "republish_url": _nullable("string"),
            },
        },
        "body": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"type": {"type": "string"}, "id": {"type": "string"}, "value": {}},
            },
        },
    },
}
PICTURE = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "meta": OBJECT,
        "title": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "description": {"type": "string", "description": "The alt text."},
        "credit": {"type": "string"},
    },
}


def listing(item: dict) -> dict:
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": {"type": "integer"}},
                "required": ["total_count"],
            },
            "items": {"type": "array", "items": item},
        },
        "required": ["meta", "items"],
    }


def _query(name: str, kind=OpenApiTypes.STR, description: str = "") -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


LISTING_PARAMETERS = [
    _query("limit", OpenApiTypes.INT, "How many a page: 20 by default, at most 50."),
    _query("offset", OpenApiTypes.INT, "How many to skip."),
    _query(
        "fields",
        description="Fields to add (`standfirst,body`), remove (`-hero`), or "
        "`*` for all, as Wagtail's API reads them.",
    ),
    _query("order", description="A field to order by, `-` first for descending, or random."),
]
STORY_PARAMETERS = [
    _query("topic", description="A topic's slug."),
    _query("area", description="A police-force area's slug."),
    _query("author", description="An author's slug."),
    _query("published_after", OpenApiTypes.DATE, "Published on or after this date."),
    _query("published_before", OpenApiTypes.DATE, "Published on or before this date."),
]
