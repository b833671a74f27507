"""What the sign-in throttle (django-axes) needs from this site: the address a request came
from, and the page a locked-out person sees.

Behind nginx every request arrives from nginx's own address, and the reader's address is
in `X-Forwarded-For`. That header is believed only on a request from one of
`settings.TRUSTED_PROXIES`, and only its last entry: the one the proxy itself added
(`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` appends the address it saw,
after whatever the client sent). Anything else a client writes there is ignored.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render

from axes.helpers import get_client_username


def client_ip(request) -> str | None:
    peer = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if peer in settings.TRUSTED_PROXIES and forwarded:
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return peer
    return peer


def locked_out(request, original_response=None, credentials=None):
    """The lockout page, in the admin's look, with HTTP 429 (Too Many Requests)."""
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "newsroom/login_locked_out.html", context, status=429)
