"""The page a person sees when django-axes has paused their sign-in. The address it counts
by comes from `newsroom.client_address.client_ip` (AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings
from django.shortcuts import render

from axes.helpers import get_client_username


def locked_out(request, original_response=None, credentials=None):
    """The lockout page, in the admin's look, with HTTP 429 (Too Many Requests)."""
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "newsroom/login_locked_out.html", context, status=429)
