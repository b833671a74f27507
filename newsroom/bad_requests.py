"""Malformed form data is the client's mistake: answer 400, not 500.

Wagtail's StreamField and inline panels read counts and keys from the POST data
(`body-count`, `body-0-type`, …) in their widgets' `value_from_datadict`; a crafted POST
without them raises a `KeyError` or `ValueError` there. Such an error, raised while a
widget read the submitted data, becomes Django's `BadRequest` (logged as one warning line,
answered with the 400 page). Any other exception is left alone: it is a bug to see.
"""

import traceback

from django.core.exceptions import BadRequest


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
            raise BadRequest(f"Malformed form data: {exception!r}") from exception
        return None
