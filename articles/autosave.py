"""Autosave that cannot land after "Save draft".

Wagtail's story editor autosaves half a second after the editor stops typing. Its edit view
refuses an autosave from a form loaded before the latest revision ("Saving will overwrite a
newer version"), but it checks before it validates the form and outside the write. When
"Save draft" is pressed with an autosave still due, that autosave is sent while the draft is
being saved: it passes the check, waits for the draft's write (SQLite's lock, or the page's
row on PostgreSQL), then adds a second revision a second later, which the reloaded editor
then shows as "a new version in another window" and the next publish warns of.

The same check is made again here, at the write, holding the page's row: an autosave from a
form that is no longer the latest revision is refused as Wagtail refuses it, and the editor
that sent it (already leaving the page) never saw it. See
https://docs.wagtail.org/en/stable/reference/settings.html#wagtail-autosave-interval
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.models import Page

STALE = "Saving will overwrite a newer version."


def note_autosave(request, page):
    """`before_edit_page`: remember which revision an autosave's form was loaded from
    (Wagtail's `loaded_revision_*` fields) on the page the edit view saves."""
    if request.method == "POST" and not request.accepts("text/html"):
        page.autosave_loaded_from = (
            request.POST.get("loaded_revision_id", ""),
            request.POST.get("loaded_revision_created_at", ""),
        )


def refuse_stale_autosave(page):
    """Raise `PermissionDenied` (the edit view answers `invalid_revision`) when an autosave
    that creates a revision was loaded from one that is no longer the latest."""
    loaded_id, loaded_at = getattr(page, "autosave_loaded_from", ("", ""))
    if not loaded_id:
        return
    with transaction.atomic():
        # The page's row, held until this write ends, so a "Save draft" cannot slip in; the
        # latest revision read from the revisions themselves, as this request's own save of
        # the page has just written back the `latest_revision` its form was loaded with.
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk").first()
        latest = page.revisions.only("created_at").order_by("-created_at", "-pk").first()
        if latest is None:
            return
        if str(latest.pk) != loaded_id or latest.created_at.isoformat() != loaded_at:
            raise PermissionDenied(STALE)
