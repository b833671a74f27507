"""What every view of the API is: anonymous, read-only, throttled per client, with the format
chosen by `?format=` alone.

Set on the API's own views, not as `REST_FRAMEWORK` defaults, because Wagtail's admin API
(`/admin/api/main/…`, the admin's choosers) is built with DRF too and must keep its
signed-in user, its permissions and no throttle.
"""

from rest_framework.permissions import AllowAny

from .negotiation import FormatParameterNegotiation
from .throttling import ClientRateThrottle


class OpenDataPolicy:
    authentication_classes = []  # no sign-in is read: a signed-in editor sees what readers see
    permission_classes = [AllowAny]
    throttle_classes = [ClientRateThrottle]
    content_negotiation_class = FormatParameterNegotiation
