"""The Nu HTML checker finds no error on the alerts' pages: the form under an area page, the
sign-up page with its errors, the confirmation page, a reader's data request and the
privacy page."""

import pytest

from tests.alerts.conftest import SITE_URL
from tests.alerts.test_subscribe import ORIGIN, sign_up
from tests.html_checker import nu_errors, require_checker

pytestmark = [pytest.mark.django_db, require_checker()]


def test_the_alerts_pages_are_valid_html(
    client, story, smtp_server, django_capture_on_commit_callbacks, tmp_path
):
    sign_up(client, django_capture_on_commit_callbacks)
    [received] = smtp_server.received
    link = next(w for w in received.part("text/plain").split() if "/alerts/confirm/" in w)
    pages = {
        "area": client.get("/news/area/wiltshire/").content,
        "refused": client.post("/alerts/subscribe/", {"email": "not an address"}, **ORIGIN).content,
        "confirm": client.get(link.removeprefix(SITE_URL)).content,
        "my-data": client.get("/alerts/my-data/").content,
        "privacy": client.get("/alerts/privacy/").content,
    }
    assert nu_errors(pages, tmp_path) == []
