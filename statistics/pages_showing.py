"""Which public pages show a force, measure, source or figure: the data pages of the
measures concerned (HTML, CSV and JSON), the list of data pages, and the live pages whose
figure blocks show them (the reference index). Registered with the `register_pages_showing`
hook (`wagtail_hooks.py`)."""

from django.urls import reverse

from images.usage import live_pages_using

from .models import Measure


def _data_paths(measures) -> set[str]:
    paths = {reverse("statistics:index")}
    for measure in measures:
        page = measure.get_absolute_url()
        paths |= {page, page.rstrip("/") + ".csv", page.rstrip("/") + ".json"}
    return paths


def _page_paths(objects) -> set[str]:
    return {page.url for page in live_pages_using(objects) if page.url}


def measure(measure) -> set[str]:
    return _data_paths([measure]) | _page_paths([measure])


def figure(figure) -> set[str]:
    return _data_paths([figure.measure]) | _page_paths([figure, figure.measure])


def source(source) -> set[str]:
    measures = Measure.objects.filter(figures__source=source).distinct()
    return _data_paths(measures) | _page_paths(measures)


def force(force) -> set[str]:
    """A force's name is in every download row of its figures and in the blocks that choose
    it."""
    measures = Measure.objects.filter(figures__force=force).distinct()
    return _data_paths(measures) | _page_paths([force])
