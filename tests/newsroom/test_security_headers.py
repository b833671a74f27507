"""Public pages carry a strict Content Security Policy (the admin's own policy, and the other
headers, are tested in tests/security/test_headers.py)."""

import pytest

pytestmark = pytest.mark.django_db


def policy(response):
    header = response.get("Content-Security-Policy", "")
    return dict((part.split(" ", 1) + [""])[:2] for part in header.split("; ") if part)


@pytest.mark.parametrize("url", ["/", "/search/?q=police", "/news/feed/", "/no-such-page/"])
def test_public_pages_allow_only_their_own_scripts_and_styles(client, news_index, url):
    directives = policy(client.get(url))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
