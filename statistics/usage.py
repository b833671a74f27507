"""Which live pages show a figure, from Wagtail's reference index (the figure blocks record
each figure they show: `FigureBlockMixin.extract_references`)."""

from wagtail.models import ReferenceIndex


def live_pages_showing(obj) -> list:
    """The live pages (stories) whose figure blocks show `obj`, by title."""
    pages = [
        referrer
        for referrer, _references in ReferenceIndex.get_grouped_references_to(obj)
        if getattr(referrer, "live", False)
    ]
    return sorted(pages, key=lambda page: page.title)
