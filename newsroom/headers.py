"""The headers that tell browsers what a page may do: the Content Security Policy per part of
the site (django-csp), the Permissions-Policy and X-Frame-Options.

Public pages get `CONTENT_SECURITY_POLICY`. The Wagtail admin, and the previews it shows,
get `ADMIN_CONTENT_SECURITY_POLICY`, which allows the inline scripts and styles Wagtail 7.4
writes, with the strict policy beside it as `Content-Security-Policy-Report-Only`, so the
browser reports what the admin would still need before the strict one is enforced.
Under `FRAMEABLE_URL_PREFIXES` (embedded figures) any site may frame the page; decided here
by path rather than by a view's decorator, so a page served from the page cache keeps it.

The headers depend on nothing but the settings and those two prefixes, so each is built
once per process and kept (django-csp builds both again for every response: a deep copy of
each policy, a fifth of what a trivial request cost). A response that asks for something
else (a view's `csp_update`/`csp_replace`/`csp_exempt` decorator, a template that used the
request's nonce) is built by django-csp as before. Forgotten when a setting changes (tests).

The Permissions-Policy (`PERMISSIONS_POLICY`, in django-permissions-policy's format) and
`X-Frame-Options` (`X_FRAME_OPTIONS`, none under `FRAMEABLE_URL_PREFIXES`) are the same for
every response, so they are set here too: a middleware of its own for one constant header
cost every request as much as the header itself.
"""

from django.conf import settings
from django.core.signals import setting_changed

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
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


class SecurityHeadersMiddleware(CSPMiddleware):
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers: dict[tuple[bool, bool], list[tuple[str, str, tuple[str, ...]]]] = {}
        self._read_settings()
        setting_changed.connect(self._forget)

    def _read_settings(self):
        self._permissions_policy = PermissionsPolicyMiddleware.compute_header_value(
            settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
        )
        self._frame_options = settings.X_FRAME_OPTIONS.upper()
        self._frameable = tuple(settings.FRAMEABLE_URL_PREFIXES)

    def _forget(self, **kwargs):
        self._headers.clear()
        self._read_settings()

    def __call__(self, request):
        self.process_request(request)
        response = self.get_response(request)
        # Never over a header the view set; as Django's XFrameOptionsMiddleware, none for a
        # view marked `xframe_options_exempt`, and here none where any site may frame the page.
        if self._permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self._permissions_policy
        if not (
            "X-Frame-Options" in response
            or getattr(response, "xframe_options_exempt", False)
            or request.path_info.startswith(self._frameable)
        ):
            response["X-Frame-Options"] = self._frame_options
        return self.process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = (
                settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.ADMIN_CONTENT_SECURITY_POLICY
            )["DIRECTIVES"]
        if request.path_info.startswith(self._frameable):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["*"]}
        return parts

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or not PER_RESPONSE.isdisjoint(
            response.__dict__
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # django-csp leaves Django's debug pages alone
        path = request.path_info
        for header, value, excluded in self._policies(request, response):
            # As django-csp: never over a header the view set, nor under an excluded prefix.
            if header not in response and not (excluded and path.startswith(excluded)):
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _policies(self, request, response) -> list[tuple[str, str, tuple[str, ...]]]:
        """(header, value, prefixes it is not sent under) for this part of the site, built
        by django-csp the first time."""
        path = request.path_info
        kind = (
            path.startswith(settings.ADMIN_URL_PREFIX),
            path.startswith(self._frameable),
        )
        headers = self._headers.get(kind)
        if headers is None:
            headers = []
            for header, report_only, setting in (
                (HEADER, False, "CONTENT_SECURITY_POLICY"),
                (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
            ):
                parts = self.get_policy_parts(request, response, report_only=report_only)
                value = build_policy(
                    config=parts.config,
                    update=parts.update,
                    replace=parts.replace,
                    report_only=report_only,
                )
                excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
                if value:
                    headers.append((header, value, tuple(excluded or ())))
            self._headers[kind] = headers
        return headers
