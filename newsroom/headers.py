"""The headers that tell browsers what a page may do: the Content Security Policy per part of
the site (django-csp), the Permissions-Policy and X-Frame-Options.

Public pages get `CONTENT_SECURITY_POLICY`. The Wagtail admin, and the previews it shows,
get `ADMIN_CONTENT_SECURITY_POLICY`, which allows the inline scripts and styles Wagtail 7.4
writes, with the strict policy beside it as `Content-Security-Policy-Report-Only`, so the
browser reports what the admin would still need before the strict one is enforced.
Under `FRAMEABLE_URL_PREFIXES` (embedded figures) any site may frame the page; decided here
by path rather than by a view's decorator, so a page served from the page cache keeps it.

Every request passes through here, health checks and cached pages too, so the work per
response is kept to a list lookup and a few header writes. The headers depend on nothing but
the settings and those two prefixes, so each part of the site's list is built once per
process and kept (django-csp builds both policies again for every response, from a deep copy
of each). A response that asks for something else (a view's `csp_update`/`csp_replace`/
`csp_exempt` decorator, a template that used the request's nonce) gets its policy from
django-csp as before. Forgotten when a setting changes (tests).

The Permissions-Policy (`PERMISSIONS_POLICY`, in django-permissions-policy's format) and
`X-Frame-Options` (`X_FRAME_OPTIONS`, none under `FRAMEABLE_URL_PREFIXES`) are the same for
every response, so they are set here too: a middleware of its own for one constant header
cost every request as much as the header itself.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django_permissions_policy import PermissionsPolicyMiddleware

# What a view's django-csp decorators leave on its response.
PER_RESPONSE = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    }
)


class Nonce:
    """`request.csp_nonce`, as django-csp's: made (by django-csp) the first time it is read as
    text, as django-csp's `{% script %}` tag and Jinja extension read it, and then put in the
    policy. Read after the header is written, it raises django-csp's error: the policy sent
    would not have it. A small object of its own, as every response makes one and almost none
    reads it (django-csp's lazy object, made twice a request, cost a microsecond each)."""

    __slots__ = ("request", "middleware", "written")

    def __init__(self, request, middleware: CSPMiddleware):
        self.request = request
        self.middleware = middleware
        self.written = False

    def __str__(self) -> str:
        if self.written and not self:
            self.middleware._csp_nonce_post_response()
        return self.middleware._make_nonce(self.request)

    def __bool__(self) -> bool:
        """True once made, as django-csp's."""
        return getattr(self.request, "_csp_nonce", None) is not None


def _entry(header: str, value: str, excluded: tuple[str, ...] = ()) -> tuple:
    return header, header.lower(), value, excluded


class SecurityHeadersMiddleware(CSPMiddleware):
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers: dict[tuple[bool, bool, bool], tuple[list, list]] = {}
        self._read_settings()
        setting_changed.connect(self._forget)

    def _read_settings(self):
        self._permissions_policy = PermissionsPolicyMiddleware.compute_header_value(
            settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
        )
        self._frame_options = settings.X_FRAME_OPTIONS.upper()
        self._frameable = tuple(settings.FRAMEABLE_URL_PREFIXES)
        self._admin = settings.ADMIN_URL_PREFIX
        self._debug = settings.DEBUG

    def _forget(self, **kwargs):
        self._headers.clear()
        self._read_settings()

    def __call__(self, request):
        self.process_request(request)
        return self.process_response(request, self.get_response(request))

    def process_request(self, request):
        request.csp_nonce = Nonce(request, self)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and request.path_info.startswith(self._admin):
            parts.config = (
                settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.ADMIN_CONTENT_SECURITY_POLICY
            )["DIRECTIVES"]
        if request.path_info.startswith(self._frameable):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["*"]}
        return parts

    def process_response(self, request, response):
        nonce = request.__dict__.get("csp_nonce")
        if type(nonce) is Nonce:  # (`isinstance` would make django-csp's lazy one)
            nonce.written = True
        path = request.path_info
        kind = (
            path.startswith(self._admin),
            path.startswith(self._frameable),
            getattr(response, "xframe_options_exempt", False),
        )
        policies, others = self._headers.get(kind) or self._build(kind, request)
        if getattr(request, "_csp_nonce", None) is not None or not PER_RESPONSE.isdisjoint(
            response.__dict__
        ):
            response = super().process_response(request, response)  # this response's own
            policies = ()
        elif self._debug and response.status_code in (404, 500):
            policies = ()  # django-csp leaves Django's debug pages alone
        present = {name.lower() for name in response.headers}
        for header, name, value, excluded in (*policies, *others):
            # Never over a header the view set, nor (as django-csp) under an excluded prefix.
            if name not in present and not (excluded and path.startswith(excluded)):
                response[header] = value
        return response

    def _build(self, kind, request) -> tuple[list, list]:
        """This part of the site's headers, each as (header, its name in lower case, value,
        prefixes it is not sent under): the policies, as django-csp builds them for a
        response that asks for nothing of its own, and the Permissions-Policy and
        X-Frame-Options (none where any site may frame the page, or the view is marked
        `xframe_options_exempt`, as with Django's middleware)."""
        _admin, frameable, frame_options_exempt = kind
        policies, others = [], []
        for header, report_only, setting in (
            (HEADER, False, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            parts = self.get_policy_parts(request, HttpResponse(), report_only=report_only)
            value = build_policy(
                config=parts.config,
                update=parts.update,
                replace=parts.replace,
                report_only=report_only,
            )
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            if value:
                policies.append(_entry(header, value, tuple(excluded or ())))
        if self._permissions_policy:
            others.append(_entry("Permissions-Policy", self._permissions_policy))
        if not (frameable or frame_options_exempt):
            others.append(_entry("X-Frame-Options", self._frame_options))
        self._headers[kind] = policies, others
        return policies, others
