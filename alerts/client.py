"""The reader's network address, for the sign-up rate limit only (never stored): the site's
one answer (`CLIENT_IP_CALLABLE`), which believes a forwarded address only from the
configured proxies (nginx in production)."""

from django.conf import settings
from django.utils.module_loading import import_string


def client_ip(request) -> str:
    return import_string(settings.CLIENT_IP_CALLABLE)(request) or ""
