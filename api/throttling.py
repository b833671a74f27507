"""Requests per client for the API: DRF's own throttle, at the rate the settings give.

The rate is read on each request (`API_THROTTLE_RATE`), not when the class is imported as
DRF's `DEFAULT_THROTTLE_RATES` are, so a deployment or a test can change it. The client is
the site's one answer to "who is asking" (`CLIENT_IP_CALLABLE`: the socket's peer, or the
address a trusted proxy passed on), the same as the sign-in throttle's.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from rest_framework.throttling import AnonRateThrottle


class ClientRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_ident(self, request):
        return import_string(settings.CLIENT_IP_CALLABLE)(request) or "unknown"
