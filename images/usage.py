"""Which pages and snippets use an object, from Wagtail's reference index: the fields that
choose it and the blocks that record it (`extract_references`). The one place in the project
that asks the index; it lives on the floor because every layer's answer to "which pages show
this" starts here."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex


def users_of(objects) -> list:
    """The live pages (as their specific type, page fields only) and the other objects (an
    author's photo, …) whose fields or blocks use any of `objects`, a queryset or a list of
    instances."""
    wanted = defaultdict(set)
    rows = ReferenceIndex.get_references_to_in_bulk(objects).values_list(
        "base_content_type", "object_id"
    )
    for content_type_id, object_id in rows.distinct():
        wanted[content_type_id].add(object_id)
    found = []
    for content_type_id, pks in sorted(wanted.items()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a model since removed
            continue
        if issubclass(model, Page):
            found += Page.objects.live().filter(pk__in=pks).order_by("pk").specific(defer=True)
        else:
            found += model._default_manager.filter(pk__in=pks).order_by("pk")
    return found


def live_pages_using(objects) -> list[Page]:
    """The live pages whose fields or blocks use any of `objects`, by id."""
    return [user for user in users_of(objects) if isinstance(user, Page)]
