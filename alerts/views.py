"""The readers' pages under /alerts/: sign up, confirm, unsubscribe (also RFC 8058's
one-click POST), see or delete one's data, and the privacy page.

The sign-up form is also drawn on area, topic, author, story and data pages, which the
page cache keeps for every reader: so it carries no CSRF token (a token would need a
cookie, and a page with a cookie is not cached). Its POST is exempt from Django's CSRF
check and checks instead that the browser says it comes from this site (`Origin`, which
browsers send with every form POST). A forged sign-up could do no harm anyway: nothing is
sent but a confirmation, whose link only the address's owner can follow.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from . import services, tasks, throttle, tokens
from .client import client_ip
from .forms import MyDataForm, SubscribeForm
from .models import Subscriber, site_url

TOO_MANY = (
    "Too many sign-ups or requests have come from your connection or for this address. "
    "Nothing was changed. Please try again in an hour."
)


def _refused(request, title, message, status):
    return render(
        request, "alerts/message.html", {"title": title, "message": message}, status=status
    )


def _from_this_site(request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None  # no Origin: not a browser's cross-site form
    ours = {site_url(), request.build_absolute_uri("/").rstrip("/")}
    return urlsplit(origin)._replace(path="").geturl() in ours


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(
            offered=request.GET.getlist("follow"),
            initial={"follow": request.GET.getlist("follow"), "page": request.GET.get("page", "")},
        )
        return render(request, "alerts/subscribe.html", {"form": form})
    if not _from_this_site(request):
        return _refused(request, "Sign-up refused", "Sign up from a page of this site.", 403)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if not (throttle.ip_allowed(client_ip(request)) and throttle.address_allowed(email)):
        return _refused(request, "Please wait", TOO_MANY, 429)
    if not form.is_bot:
        with transaction.atomic():
            subscriber, to_confirm = services.subscribe(
                email=email,
                follows=form.cleaned_data["follow"],
                frequency=form.cleaned_data["frequency"],
                requested_on=form.cleaned_data["page"] or "/alerts/subscribe/",
            )
            if to_confirm:
                transaction.on_commit(
                    lambda: tasks.send_confirmation.enqueue(subscriber.pk, to_confirm)
                )
    return render(request, "alerts/check_inbox.html", {"email": email})


def _invalid(request, error):
    return render(
        request,
        "alerts/message.html",
        {"title": "This link does not work", "message": str(error)},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        subscriber, ids = tokens.read(tokens.CONFIRM, token)
    except tokens.InvalidLink as error:
        return _invalid(request, error)
    if request.method != "POST":
        subscriptions = subscriber.subscriptions.filter(pk__in=ids)
        return render(request, "alerts/confirm.html", {"subscriptions": subscriptions})
    subscriptions = services.confirm(subscriber, ids)
    if not subscriptions:
        return _invalid(request, "This link is no longer valid: there is nothing to confirm.")
    return render(request, "alerts/confirmed.html", {"subscriptions": subscriptions})


@never_cache
@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click", with no cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscriber, ids = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.InvalidLink:
        if request.method == "POST":  # unsubscribed already: done is done
            return render(request, "alerts/unsubscribed.html")
        return _invalid(request, "This link is not valid, or you have unsubscribed already.")
    if request.method != "POST":
        subscriptions = subscriber.subscriptions.filter(pk__in=ids)
        return render(request, "alerts/unsubscribe.html", {"subscriptions": subscriptions})
    services.unsubscribe(subscriber, ids)
    return render(request, "alerts/unsubscribed.html")


@never_cache
@csrf_exempt  # like sign-up: the page that asks is public; the link goes to the address
@require_http_methods(["GET", "HEAD", "POST"])
def my_data_request(request):
    if request.method == "POST" and not _from_this_site(request):
        return _refused(request, "Request refused", "Ask from a page of this site.", 403)
    form = MyDataForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "alerts/my_data_request.html", {"form": form}, status=status)
    email = form.cleaned_data["email"]
    if not (throttle.ip_allowed(client_ip(request)) and throttle.address_allowed(email)):
        return _refused(request, "Please wait", TOO_MANY, 429)
    subscriber = Subscriber.objects.filter(email=email.lower()).first()
    if subscriber is not None:
        transaction.on_commit(lambda: tasks.send_my_data_link.enqueue(subscriber.pk))
    return render(request, "alerts/check_inbox.html", {"email": email, "my_data": True})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request, token):
    try:
        subscriber, _ids = tokens.read(tokens.MY_DATA, token)
    except tokens.InvalidLink as error:
        return _invalid(request, error)
    if request.method == "POST":
        services.forget(subscriber)
        return render(request, "alerts/forgotten.html")
    subscriptions = subscriber.subscriptions.select_related("force", "tag", "author", "measure")
    return render(
        request, "alerts/my_data.html", {"subscriber": subscriber, "subscriptions": subscriptions}
    )


@require_safe
def privacy(request):
    return render(request, "alerts/privacy.html", {"from_email": settings.DEFAULT_FROM_EMAIL})
