"""The page editor, saying what a refused submit or publish really means.

Wagtail answers a refused "Submit to Editor review" or "Publish" with "The page could not
be saved due to validation errors", while the header says "Saved": the draft autosaved a
moment before is there, and only the submission (or publication) was refused. These edit
and create views say so ("Not submitted for review:", "Not published:") and list the
reasons, each also shown on its field or block as before. A refused "Save draft" (only
fields a draft cannot go without) keeps Wagtail's message.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView

from .admin_messages import tell

REFUSED = {"submit": "Not submitted for review:", "publish": "Not published:"}


def error_texts(error) -> list[str]:
    """The messages in a (block) validation error and all the errors nested in it."""
    texts = []
    for attr in ("non_block_errors", "block_errors"):
        nested = getattr(error, attr, None)
        if nested:
            items = nested.values() if isinstance(nested, dict) else nested
            for item in items:
                texts.extend(error_texts(item))
    if texts or hasattr(error, "block_errors"):
        return texts
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def refusal_reasons(form) -> list[str]:
    """Every reason `form` was refused, in words: a block's own reasons as they are, another
    field's prefixed with its label."""
    reasons = []
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        nested = any(hasattr(e, "block_errors") for e in errors)
        for text in [t for error in errors for t in error_texts(error)]:
            reasons.append(text if nested or field is None else f"{field.label}: {text}")
    for formset in form.formsets.values():
        for errors in formset.errors:
            reasons.extend(t for field_errors in errors.values() for t in field_errors)
        reasons.extend(formset.non_form_errors())
    return list(dict.fromkeys(reasons))


class RefusalMessage:
    """For the page editor's views: a refused submit or publish says so, with its reasons,
    in place of Wagtail's "could not be saved/created due to validation errors"."""

    def form_invalid(self, form):
        refused = REFUSED.get(self.action_name)
        if refused is None or getattr(self, "locked_for_user", False):
            return super().form_invalid(form)
        if self.expects_json_response:
            return super().form_invalid(form)
        tell(self.request, messages.ERROR, refused, refusal_reasons(form))
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


class StoryEditView(RefusalMessage, EditView):
    pass


class StoryCreateView(RefusalMessage, CreateView):
    pass
