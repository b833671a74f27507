"""The open-data URLs: `/api/…`, `/embed/…`, `/oembed/` (docs/api.md, docs/syndication.md)."""

from django.urls import include, path, re_path

from wagtail.api.v2.router import WagtailAPIRouter

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import embeds, oembed, republish, views
from .pages import PicturesAPIViewSet, StoriesAPIViewSet

router = SimpleRouter()
router.register("figures", views.FigureViewSet, basename="figure")
router.register("forces", views.ForceViewSet, basename="force")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("sources", views.SourceViewSet, basename="source")
router.register("helplines", views.HelplineViewSet, basename="helpline")

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", StoriesAPIViewSet)
wagtail_api.register_endpoint("images", PicturesAPIViewSet)

# Swagger UI's own stylesheet sets inline styles: allowed on the docs page alone.
docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema", title="Newsroom API")
)

urlpatterns = [
    path("api/schema/", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("api/docs/", docs, name="api-docs"),
    path("api/v2/", wagtail_api.urls),
    re_path(r"^api/v2/", views.not_found, {"key": "message"}),  # Wagtail's errors' shape
    path("api/", include(router.urls)),
    re_path(r"^api/", views.not_found),
    path("embed/<int:story_id>/<uuid:block_id>/", embeds.embed, name="embed"),
    path("oembed/", oembed.oembed, name="oembed"),
    path("republish/<int:story_id>/", republish.republish, name="republish"),
]
