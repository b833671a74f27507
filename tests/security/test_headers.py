"""Response headers: Permissions-Policy everywhere, a Content Security Policy for public
pages and for the Wagtail admin (with the strict one it should reach, report-only), frames
only from the embed providers the embed block takes, and one warning line for a refused
Host header."""

import io
import logging

from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings
from django.views.decorators.clickjacking import xframe_options_exempt

from wagtail.blocks import StreamBlockValidationError
from wagtail.embeds.blocks import EmbedValue

import pytest
from csp.constants import NONCE, SELF
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware

from articles.blocks import ArticleBodyBlock
from newsroom.headers import SecurityHeadersMiddleware

pytestmark = pytest.mark.django_db


def policy(header):
    return dict((part.split(" ", 1) + [""])[:2] for part in header.split("; ") if part)


@pytest.mark.parametrize(
    "url", ["/", "/news/feed/", "/search/?q=x", "/no-such-page/", "/admin/login/", "/robots.txt"]
)
def test_every_response_switches_off_camera_microphone_and_geolocation(client, news_index, url):
    # No retired features (FLoC's `interest-cohort`): browsers warn about each one.
    features = dict(item.split("=") for item in client.get(url)["Permissions-Policy"].split(", "))
    assert features == {"camera": "()", "geolocation": "()", "microphone": "()"}


EMBED_PROVIDERS = (
    "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com"
)


def test_public_pages_frame_only_the_embed_providers(client, news_index):
    directives = policy(client.get("/")["Content-Security-Policy"])
    assert directives["frame-src"] == EMBED_PROVIDERS
    assert directives["script-src"] == "'self'"


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_the_admin_has_a_policy_and_the_strict_one_report_only(client, editor, url):
    if url == "/admin/":
        client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    enforced = policy(response["Content-Security-Policy"])
    assert enforced["default-src"] == "'self'"
    assert enforced["script-src"] == "'self' 'unsafe-inline'"
    assert enforced["style-src"] == "'self' 'unsafe-inline'"
    assert enforced["object-src"] == "'none'"
    assert enforced["base-uri"] == "'self'"
    assert enforced["form-action"] == "'self'"
    assert enforced["frame-ancestors"] == "'self'"
    assert enforced["frame-src"] == f"'self' {EMBED_PROVIDERS}"
    strict = policy(response["Content-Security-Policy-Report-Only"])
    assert strict["script-src"] == "'self'"
    assert strict["style-src"] == "'self'"


def test_public_pages_send_no_report_only_policy(client, news_index):
    assert "Content-Security-Policy-Report-Only" not in client.get("/")


@pytest.mark.parametrize(
    "url",
    ["https://twitter.com/police/status/1", "https://example.com/video", "javascript:alert(1)"],
)
def test_the_embed_block_takes_only_youtube_and_vimeo(url):
    block = ArticleBodyBlock()
    value = block.to_python([{"type": "embed", "value": url}])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)
    assert isinstance(value[0].value, EmbedValue)


@override_settings(ALLOWED_HOSTS=["newsroom.example"])
def test_a_refused_host_is_one_warning_line(client):
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    logging.getLogger().addHandler(handler)
    try:
        response = client.get("/", HTTP_HOST="attacker.example")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 400
    lines = [line for line in output.getvalue().splitlines() if "attacker.example" in line]
    assert lines == [
        "Invalid HTTP_HOST header: 'attacker.example'. "
        "You may need to add 'attacker.example' to ALLOWED_HOSTS."
    ]
    assert "Traceback" not in output.getvalue()


def csp_headers(response):
    return {
        name: response[name]
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
        if name in response
    }


@pytest.mark.parametrize("path", ["/", "/embed/x/", "/admin/login/", "/api/v2/pages/"])
def test_the_policies_kept_per_process_are_django_csps_own(rf, path):
    """Built once per part of the site, and the same as django-csp builds for each response."""
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse())
    kept = []
    for _ in range(2):
        request = rf.get(path)
        middleware.process_request(request)
        kept.append(csp_headers(middleware.process_response(request, HttpResponse())))
    request = rf.get(path)
    middleware.process_request(request)
    built = csp_headers(CSPMiddleware.process_response(middleware, request, HttpResponse()))
    assert kept[0] == kept[1] == built
    assert "Content-Security-Policy" in built


def test_a_changed_policy_setting_is_sent_at_once(client, news_index):
    assert policy(client.get("/")["Content-Security-Policy"])["img-src"] == "'self' data:"
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        assert policy(client.get("/")["Content-Security-Policy"])["img-src"] == "'self'"
    assert policy(client.get("/")["Content-Security-Policy"])["img-src"] == "'self' data:"


def test_a_view_that_updates_the_policy_still_gets_its_update(client):
    """The API's docs page allows inline styles for Swagger UI (`csp_update`)."""
    assert (
        "'unsafe-inline'"
        in policy(client.get("/api/docs/")["Content-Security-Policy"])["style-src"]
    )
    assert "'unsafe-inline'" not in client.get("/api/v2/pages/")["Content-Security-Policy"]


def test_a_nonce_read_after_the_header_is_written_raises(rf):
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse())
    request = rf.get("/")
    middleware.process_request(request)
    middleware.process_response(request, HttpResponse())
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_a_nonce_read_by_the_page_is_in_that_pages_policy_only(rf, settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives, "script-src": [SELF, NONCE]}}

    def page(request):
        if "script" in request.GET:
            return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')
        return HttpResponse()

    middleware = SecurityHeadersMiddleware(page)
    response = middleware(rf.get("/?script"))
    nonce = response.content.decode().split('"')[1]
    assert len(nonce) == 24
    assert policy(response["Content-Security-Policy"])["script-src"] == f"'self' 'nonce-{nonce}'"
    assert policy(middleware(rf.get("/"))["Content-Security-Policy"])["script-src"] == "'self'"


def test_a_nonce_is_made_only_when_read(rf):
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse())
    request = rf.get("/")
    middleware.process_request(request)
    assert not request.csp_nonce
    assert str(request.csp_nonce) == str(request.csp_nonce)
    assert request.csp_nonce


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_a_view_that_may_be_framed_gets_no_frame_options(rf, path):
    @xframe_options_exempt
    def view(request):
        return HttpResponse()

    assert "X-Frame-Options" not in SecurityHeadersMiddleware(view)(rf.get(path))
    assert SecurityHeadersMiddleware(HttpResponse)(rf.get(path))["X-Frame-Options"] == "SAMEORIGIN"


def test_a_header_the_view_set_is_kept(rf):
    def view(request):
        response = HttpResponse()
        response["x-frame-options"] = "DENY"
        response["Permissions-Policy"] = "camera=(self)"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == "camera=(self)"
