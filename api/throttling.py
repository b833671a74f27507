"""Requests per client for the API: DRF's own throttle, at the rate the settings give.

The rate is read on each request (`API_THROTTLE_RATE`), not when the class is imported as
DRF's `DEFAULT_THROTTLE_RATES` are, so a deployment or a test can change it. The client is
DRF's `get_ident`: the socket's peer, or the address the configured proxies passed on
(`REST_FRAMEWORK["NUM_PROXIES"]`).
"""

from django.conf import settings

from rest_framework.throttling import AnonRateThrottle


class ClientRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE
