"""Which public pages show a helpline: the pages whose helplines block chooses it (the
reference index), and, for the emergency number, every page (it is in the footer). Stories
that list helplines by their area are the stories' layer's to declare. Registered with the
`register_pages_showing` hook (`wagtail_hooks.py`)."""

from images.usage import live_pages_using

from .models import HelplineKind

# What the frontend caches take as every page (the page cache and deploy/varnish.vcl).
EVERY_PAGE = "/*"


def helpline(helpline) -> set[str]:
    if helpline.kind == HelplineKind.EMERGENCY:
        return {EVERY_PAGE}
    return {page.url for page in live_pages_using([helpline]) if page.url}
