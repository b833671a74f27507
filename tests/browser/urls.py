"""The site's URLs plus uploaded media, so the live test server shows pictures."""

from django.conf import settings
from django.conf.urls.static import static

from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + site_urlpatterns
