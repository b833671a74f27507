"""The reference story's figures: the measure, the NSPCC source and four figures.

Idempotent like the rest of the demo: what is missing is created, what differs is put back,
what matches is left alone. The block helpers give the story's figure blocks, which refer
to these rows, so `load()` must run first.
"""

import datetime

from .models import Figure, GoodNews, Measure, PoliceForce, Source
from .search_index import index_seeded

MEASURE_SLUG = "online-child-sex-offences"
MEASURE = {
    "name": "Online child sex offences recorded by police",
    "unit": "incidents",
    "description": (
        "Offences with an online element against children, as recorded by each police "
        "force. A rise can mean more abuse, or more of it reported and recognised."
    ),
    "good_news": GoodNews.NEITHER,
}
SOURCE = {
    "publisher": "NSPCC",
    "title": "Freedom of Information request to police forces",
    "date_published": datetime.date(2020, 9, 3),
}
SOURCE_DETAILS = {
    "url": "https://www.nspcc.org.uk/",
    "notes": "Figures the NSPCC obtained from police forces and published on 3 September 2020.",
}
FIGURES = [
    ("wiltshire", "2018/19", 77),
    ("wiltshire", "2019/20", 63),
    ("hampshire", "2018/19", 131),
    ("hampshire", "2019/20", 247),
]


def _ensure(model, lookup, fields):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    if obj.pk is None or any(getattr(obj, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    return obj


def load():
    index_seeded()
    measure = _ensure(Measure, {"slug": MEASURE_SLUG}, MEASURE)
    source = _ensure(Source, SOURCE, SOURCE_DETAILS)
    forces = {f.slug: f for f in PoliceForce.objects.filter(slug__in={s for s, _, _ in FIGURES})}
    for slug, period, value in FIGURES:
        _ensure(
            Figure,
            {"measure": measure, "force": forces[slug], "period": period},
            {"value": value, "source": source},
        )
    return measure


def comparison_block(force_slug, period="2019/20"):
    """A `figure_comparison` block (as stream data) of a force's figure with the year before."""
    return (
        "figure_comparison",
        {
            "measure": Measure.objects.get(slug=MEASURE_SLUG).pk,
            "force": PoliceForce.objects.get(slug=force_slug).pk,
            "period": period,
            "compare_with": "",
        },
    )


def chart_block():
    """A `figure_chart` block of both forces' figures for both years."""
    forces = PoliceForce.objects.filter(slug__in=["wiltshire", "hampshire"]).order_by("name")
    return (
        "figure_chart",
        {
            "measure": Measure.objects.get(slug=MEASURE_SLUG).pk,
            "forces": [force.pk for force in forces],
            "periods": ["2018/19", "2019/20"],
            "caption": "Online child sex offences recorded in Wiltshire and Hampshire",
        },
    )
