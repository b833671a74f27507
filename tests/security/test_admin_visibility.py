"""Every admin URL, chooser and admin API, walked as each role: no one reads the title of a
draft, a scheduled story, a pending revision, a picture or a document they may not see.

The URLs come from the URL resolver (everything under /admin/), each filled in with the ids
of the objects below; the choosers' "chosen" steps are asked with `?id=` of each.
Reporters may edit every story and use pictures, but have no document permission; Helpline
staff have no page, picture or document permission; Editors may see everything.
"""

import datetime
import re

from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

import pytest

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

DRAFT = "Secret draft headline"
SCHEDULED = "Secret scheduled headline"
PENDING = "Secret pending headline"
PICTURE = "Secret picture title"
DOCUMENT = "Secret document title"
PAGES = {DRAFT, SCHEDULED, PENDING}
MAY_NOT_SEE = {
    "reporter": {DOCUMENT, "secret-document"},
    "helpline_staff": PAGES | {PICTURE, DOCUMENT, "secret-picture", "secret-document"},
    "editor": set(),
}
# Values for URL parameters that are not ids.
NAMED = {
    "action_name": "copy",
    "filter_spec": "original",
    "app_label": "articles",
    "app_name": "articles",
    "content_type_app_name": "articles",
    "model_name": "articlepage",
    "content_type_model_name": "articlepage",
}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def admin_routes():
    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    for route in walk(get_resolver().url_patterns, ""):
        route = route.replace("^", "").replace("$", "")
        if route.startswith("admin/") and "(" not in route and "*" not in route:
            yield "/" + route


@pytest.fixture
def secrets(news_index, editor):
    """A draft, a scheduled story, a live story with a pending revision, and a picture and
    a document in a private collection."""
    draft = ArticlePageFactory(parent=news_index, title=DRAFT, live=False)
    draft.save_revision(user=editor)
    scheduled = ArticlePageFactory(parent=news_index, title=SCHEDULED, live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision(user=editor).publish()
    pending = ArticlePageFactory(parent=news_index, title="Council budget set")
    pending.title = PENDING
    pending.save_revision(user=editor, approved_go_live_at=None)
    private = Collection.get_first_root_node().add_child(name="Private")
    picture = get_image_model().objects.create(
        title=PICTURE, file=get_test_image_file("secret-picture.png"), collection=private
    )
    document = Document.objects.create(
        title=DOCUMENT, file=ContentFile(b"figures", "secret-document.txt"), collection=private
    )
    revision = pending.get_latest_revision()
    return {
        "pages": [draft.pk, scheduled.pk, pending.pk],
        "revision": revision.pk,
        "image": picture.pk,
        "document": document.pk,
    }


def urls(secrets):
    for route in admin_routes():
        if "image" in route:
            ids = [secrets["image"]]
        elif "document" in route:
            ids = [secrets["document"]]
        else:
            ids = secrets["pages"]
        # Only the "chosen" steps read `?id=`; the admin API refuses unknown parameters.
        query = "?" + "&".join(f"id={pk}" for pk in ids) if "chosen" in route else ""
        for pk in ids if PARAMETER.search(route) else [None]:

            def fill(match, pk=pk):
                name = match.group(2)
                if name in NAMED:
                    return NAMED[name]
                return str(secrets["revision"] if "revision" in name else pk)

            yield PARAMETER.sub(fill, route) + query


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


@pytest.mark.parametrize("role", ["reporter", "helpline_staff", "editor"])
def test_no_role_reads_a_title_it_may_not_see(client, request, secrets, role):
    client.force_login(request.getfixturevalue(role))
    client.raise_request_exception = False
    leaks = []
    for url in urls(secrets):
        text = body(client.get(url))
        leaks += [(url, title) for title in MAY_NOT_SEE[role] if title in text]
    assert leaks == [], "\n".join(f"{url} shows {title}" for url, title in leaks)


def chosen(client, secrets):
    query = "&".join(f"id={pk}" for pk in secrets["pages"])
    return client.get(f"/admin/choose-page/chosen-multiple/?{query}").json()["result"]


def test_the_page_chooser_names_only_pages_the_user_may_edit_or_live(client, secrets, request):
    client.force_login(request.getfixturevalue("editor"))
    assert {page["adminTitle"] for page in chosen(client, secrets)} == PAGES
    client.force_login(request.getfixturevalue("helpline_staff"))
    # The live story, by the title readers see, not its pending revision's.
    assert [page["adminTitle"] for page in chosen(client, secrets)] == ["Council budget set"]


@pytest.mark.parametrize(
    "role, images, documents",
    [("editor", [PICTURE], [DOCUMENT]), ("reporter", [PICTURE], []), ("helpline_staff", [], [])],
)
def test_the_admin_api_lists_pictures_and_documents_only_with_permission(
    client, request, secrets, role, images, documents
):
    client.force_login(request.getfixturevalue(role))
    for kind, expected in [("images", images), ("documents", documents)]:
        items = client.get(f"/admin/api/main/{kind}/").json()["items"]
        assert [item["title"] for item in items] == expected, kind
        detail = client.get(f"/admin/api/main/{kind}/{secrets[kind[:-1]]}/")
        assert detail.status_code == (200 if expected else 404), kind
