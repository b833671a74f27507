"""Public pages carry a strict Content Security Policy; the Wagtail admin, which needs inline
scripts, does not."""

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


def test_admin_is_left_out_of_the_policy(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
