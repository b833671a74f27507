"""Messages are stored only when a request uses them, and shown on the next request as with
Django's own middleware."""

from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse

from newsroom.lazy_messages import LazyMessageMiddleware


def through_middleware(rf, view, cookies=None):
    request = rf.get("/")
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: None).process_request(request)
    response = LazyMessageMiddleware(view)(request)
    return request, response


def test_a_message_added_in_one_request_is_shown_in_the_next(rf):
    def add(request):
        messages.success(request, "Story published.")
        return HttpResponse()

    _request, response = through_middleware(rf, add)
    cookie = response.cookies["messages"].value
    shown = []

    def show(request):
        shown.extend(str(m) for m in messages.get_messages(request))
        return HttpResponse()

    through_middleware(rf, show, {"messages": cookie})
    assert shown == ["Story published."]


def test_a_request_that_never_uses_messages_stores_none(rf):
    request, response = through_middleware(rf, lambda request: HttpResponse())
    assert not response.cookies
    assert not request.session.accessed
