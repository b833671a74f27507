"""Newsroom staff for tests: users in the roles `newsroom.roles` declares, what they post to
the story editor, and the messages the admin shows them."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bs4 import BeautifulSoup

PASSWORD = "a-test-password-42"


def staff(role: str, username: str | None = None):
    """A user who belongs to the group `role` (created by the roles sync after migrate)."""
    username = username or role.lower().rstrip("s")
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@newsroom.test",
        password=PASSWORD,
        first_name=username.title(),
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def paragraph(html):
    return ("paragraph", rich_text(html))


def quote(text, speaker, organisation=""):
    return ("quote", {"text": text, "speaker": speaker, "role": "", "organisation": organisation})


def story_form(
    *,
    title="Council opens new library",
    slug=None,
    standfirst="A short summary.",
    authors=(),
    body=None,
    action=None,
    **fields,
):
    """POST data for the story editor, as the admin's own form sends it. `action` is the
    button pressed: None saves a draft; "publish", "submit" ("action-submit")…; a list is
    the values of a multiple choice (`areas=[force.pk]`)."""
    choices = {name: fields.pop(name) for name in list(fields) if isinstance(fields[name], list)}
    data = nested_form_data(
        {
            "title": title,
            "slug": slug or title.lower().replace(" ", "-"),
            "standfirst": standfirst,
            "article_authors": inline_formset(
                [
                    {"author": author.pk, "id": "", "ORDER": str(i)}
                    for i, author in enumerate(authors)
                ]
            ),
            "corrections": inline_formset([]),
            "comments": fields.pop("comments", inline_formset([])),
            "body": streamfield(body or [paragraph("<p>What happened, in order.</p>")]),
            "topics": "",
            "licence": "all-rights-reserved",
            **fields,
        }
    )
    data.update(choices)
    if action:
        data[f"action-{action}"] = action
    return data


def admin_messages(response):
    """The admin's message banners, as text (without their buttons)."""
    soup = BeautifulSoup(response.content, "html.parser")
    for button in soup.select(".messages button"):
        button.decompose()
    return [
        " ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".messages > ul > li")
    ]


def block_errors_shown(response, field="body", nested=False):
    """The errors the story editor shows on each block of a StreamField, by position:
    {"1": ["The quote by … has no named source."]} (the admin draws them from this data).
    `nested` gives the errors on a block's children too: {"0": {"image": {"alt_text": […]}}}."""
    soup = BeautifulSoup(response.content, "html.parser")
    _, errors = json.loads(soup.find(id=field)["data-w-block-arguments-value"])
    return {
        index: nested_errors(error) if nested else error.get("messages", [])
        for index, error in ((errors or {}).get("blockErrors") or {}).items()
    }


def nested_errors(error):
    if "blockErrors" in error:
        return {name: nested_errors(child) for name, child in error["blockErrors"].items()}
    return error.get("messages", [])


def time_comes(revision):
    """Move a scheduled revision's go-live time into the past, as if the clock had moved on."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def panel_rows(client, panel_id):
    """Each row of a dashboard panel as (title, detail, problems), or None without the panel
    ([] for a panel that says it is empty)."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find(id=f"{panel_id}-section")
    if panel is None:
        return None
    return [
        (
            row.select_one("td.title a").get_text(strip=True),
            row.select("td")[-1].get_text(strip=True),
            [p.get_text(strip=True) for p in row.select(".help-critical")],
        )
        for row in panel.select("tbody tr")
        if row.select_one("td.title a")
    ]
