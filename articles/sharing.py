"""Share links: plain addresses of each service's own "share" page, so a story loads no
third-party script and tells no one who read it until the reader clicks."""

from urllib.parse import quote, urlencode


def share_links(title: str, url: str) -> list[tuple[str, str]]:
    """(service, href) for email, Bluesky, Mastodon, WhatsApp, X and Facebook."""
    text = f"{title} {url}"
    return [
        ("Email", "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote)),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        # Mastodon has no single server: this page asks the reader for theirs.
        ("Mastodon", "https://mastodonshare.com/?" + urlencode({"text": title, "url": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]


def _quote(value, safe="", encoding=None, errors=None):
    """mailto: wants spaces as %20, not +."""
    return quote(value, safe=safe, encoding=encoding, errors=errors)
