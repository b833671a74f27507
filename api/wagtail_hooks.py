"""Which API and embed addresses show each thing readers see (`pages_showing.py`)."""

from wagtail import hooks
from wagtail.images import get_image_model

from articles.models import ArticlePage, Author
from contacts.models import Helpline
from statistics.models import Figure, Measure, PoliceForce, Source

from .pages_showing import showing

SHOWN_BY_THE_API = (
    ArticlePage,
    Author,
    Helpline,
    Figure,
    Measure,
    PoliceForce,
    Source,
    get_image_model(),
)


@hooks.register("register_pages_showing")
def register_pages_showing():
    return dict.fromkeys(SHOWN_BY_THE_API, showing)
