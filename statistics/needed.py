"""Figures a story needs that are not there, and where an editor adds each one.

The preview's warning names them with advice for the role of whoever reads it: an editor is
linked to the figure form, filled in with the measure, force and period (and the source of
the last figure added, with "Add another"); a reporter, who cannot add figures, is told to
ask an editor and given that same link to send.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from .models import Measure, PoliceForce

PREFILLED = ("measure", "force", "period", "source")


def add_figure_url(**initial) -> str:
    """The admin's "Add figure" form, filled in with `initial` (pks and a period)."""
    query = urlencode({k: v for k, v in initial.items() if k in PREFILLED and v})
    url = reverse("wagtailsnippets_statistics_figure:add")
    return f"{url}?{query}" if query else url


@dataclass(frozen=True)
class NeededFigure:
    measure: Measure
    force: PoliceForce
    period: str

    @property
    def label(self) -> str:
        """ "Thames Valley's 2019/20 figure" """
        return f"{self.force.short_name}’s {self.period} figure"

    @property
    def add_url(self) -> str:
        return add_figure_url(measure=self.measure.pk, force=self.force.pk, period=self.period)
