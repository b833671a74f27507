"""Reads about helplines that span models: what a story shows, which pages show a helpline."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex

from .models import Helpline

AREAS_MODE = "areas"


def helplines_for_areas(area_ids) -> list[Helpline]:
    """Published helplines for these police-force areas plus UK-wide ones, emergency first."""
    return list(Helpline.objects.published().for_areas(area_ids).emergency_first())


def shows_helplines_by_area(page) -> bool:
    """Whether the page's body has a helplines block that lists them by the page's areas."""
    return any(
        block["type"] == "helplines" and block["value"].get("mode") == AREAS_MODE
        for block in page.body.raw_data
    )


def pages_showing_helpline(helpline: Helpline) -> list[Page]:
    """Live pages on which this helpline appears: chosen in a block (found through Wagtail's
    reference index) or listed by area (stories covering its area, or any story for a UK-wide
    helpline, whose body lists helplines by area)."""
    from articles.models import ArticlePage

    chosen_by = ReferenceIndex.get_references_to(helpline).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    pages = {
        page.pk: page
        for page in Page.objects.live().filter(
            pk__in=[int(pk) for pk in chosen_by.values_list("object_id", flat=True)]
        )
    }
    by_area = ArticlePage.objects.live().only("pk", "url_path", "body")
    if helpline.area_id is not None:
        by_area = by_area.filter(areas=helpline.area_id)
    for page in by_area.iterator():
        if page.pk not in pages and shows_helplines_by_area(page):
            pages[page.pk] = page
    return sorted(pages.values(), key=lambda page: page.pk)
