from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from articles import urls as articles_urls
from articles.admin_views import StoryCreateView, StoryEditView
from newsroom import health, search, sitemaps
from statistics import urls as statistics_urls

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
    *STORY_EDITOR,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(articles_urls)),
    path("", include(statistics_urls)),
    path("search/", search.search, name="search"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
