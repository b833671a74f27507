from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import multiple as document_uploads
from wagtail.images.views import multiple as image_uploads
from wagtail.utils.urlpatterns import decorate_urlpatterns

from alerts import urls as alerts_urls
from api import urls as api_urls
from articles import urls as articles_urls
from articles.admin_views import StoryCreateView, StoryEditView
from newsroom import health, search, sitemaps
from newsroom.page_visibility import PermittedChosenPages
from newsroom.uploads import needs_files
from statistics import urls as statistics_urls

# Wagtail admin views answered differently here, matched before the admin's own patterns.
admin_overrides = [
    path(
        f"admin/{kind}/multiple/add/",
        require_admin_access(needs_files(view.AddView.as_view())),
        name=f"newsroom_{kind}_add_multiple",
    )
    for kind, view in [("documents", document_uploads), ("images", image_uploads)]
] + [
    path(
        "admin/choose-page/chosen-multiple/",
        require_admin_access(PermittedChosenPages.as_view()),
        name="newsroom_choose_page_chosen_multiple",
    )
]

# Wagtail's page editor, with true messages when a submit or publish is refused; guarded and
# uncached as Wagtail guards its own admin views.
STORY_EDITOR = [
    path("admin/pages/<int:page_id>/edit/", StoryEditView.as_view(), name="story_edit"),
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        StoryCreateView.as_view(),
        name="story_create",
    ),
]
for decorator in (require_admin_access, display_custom_404, never_cache):
    STORY_EDITOR = decorate_urlpatterns(STORY_EDITOR, decorator)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *admin_overrides,
    *STORY_EDITOR,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(api_urls)),
    path("", include(alerts_urls)),
    path("", include(articles_urls)),
    path("", include(statistics_urls)),
    path("search/", search.search, name="search"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    # One address per sitemap: no leading zeros, so a purge reaches every cached copy.
    re_path(
        r"^sitemap-stories-(?P<part>[1-9][0-9]{0,8})\.xml$",
        sitemaps.story_sitemap,
        name="story_sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "newsroom.error_pages.server_error"
