"""Requests this site cannot answer get a 4xx, never a 500.

- Public pages only read: Wagtail pages answer 405 to anything but GET and HEAD (the
  function views say the same with `require_safe`).
- Malformed form data is the client's mistake. Wagtail's StreamField and inline panels
  read counts and keys from the POST data (`body-count`, `body-0-type`, …) in their
  widgets' `value_from_datadict`; a crafted POST without them raises a `KeyError` or
  `ValueError` there. Such an error, raised while a widget read the submitted data, becomes
  Django's `BadRequest` (one warning line in the log, the 400 page). Any other exception
  is left alone: it is a bug to see.
"""

import logging
import traceback

from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed

SAFE_METHODS = ["GET", "HEAD"]
logger = logging.getLogger(__name__)


def pages_only_read(page, request, serve_args, serve_kwargs):
    """The `before_serve_page` hook."""
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    return None


def raised_reading_form_data(exception) -> bool:
    frames = traceback.extract_tb(exception.__traceback__)
    return any(frame.name == "value_from_datadict" for frame in frames)


class MalformedFormDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, KeyError | ValueError | TypeError) and raised_reading_form_data(
            exception
        ):
            logger.warning("Malformed form data for %s: %r", request.path, exception)
            raise BadRequest("Malformed form data") from exception
        return None
