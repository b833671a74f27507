"""A `Listing` names a stream of stories once (title, description, page and feed addresses,
stories), so an HTML listing and its RSS and Atom feeds cannot disagree about what belongs
in it. Built by `ArticleIndexPage` (all news, a topic, an area) and `Author`."""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Listing:
    title: str
    description: str
    path: str
    articles: QuerySet

    @property
    def feed_path(self):
        return f"{self.path}feed/"

    @property
    def atom_path(self):
        return f"{self.path}feed/atom/"
