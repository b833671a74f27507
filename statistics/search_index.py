"""The search index of the forces and measures the admin's choosers search.

The forces are written by a data migration, through historical models that Wagtail's
search signals never see, so every `migrate` (and `load_demo`) puts whatever is missing
from the index there. Editing a force or measure in the admin keeps its entry current.
"""

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from .models import Measure, PoliceForce


def index_seeded(**kwargs) -> None:
    """Index every force and measure that has no entry yet (all of them on a new database)."""
    backend = get_search_backend()
    for model in (PoliceForce, Measure):
        indexed = IndexEntry.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        ).values_list("object_id", flat=True)
        missing = list(model.objects.exclude(pk__in=[int(pk) for pk in indexed]))
        if missing:
            backend.add_bulk(model, missing)
