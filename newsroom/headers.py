"""The Content Security Policy per part of the site (django-csp).

Public pages get `CONTENT_SECURITY_POLICY`. The Wagtail admin, and the previews it shows,
get `ADMIN_CONTENT_SECURITY_POLICY`, which allows the inline scripts and styles Wagtail 7.4
writes, with the strict policy beside it as `Content-Security-Policy-Report-Only`, so the
browser reports what the admin would still need before the strict one is enforced.
Under `FRAMEABLE_URL_PREFIXES` (embedded figures) any site may frame the page; decided here
by path rather than by a view's decorator, so a page served from the page cache keeps it.
"""

from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = (
                settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.ADMIN_CONTENT_SECURITY_POLICY
            )["DIRECTIVES"]
        if request.path_info.startswith(tuple(settings.FRAMEABLE_URL_PREFIXES)):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["*"]}
        return parts
