"""A `Listing` names a stream of stories once (title, description, page and feed addresses,
stories), so an HTML listing and its RSS and Atom feeds cannot disagree about what belongs
in it. Built by `ArticleIndexPage` (all news, a topic, an area) and `Author`.

Its stories come in two parts, as they are paged (`articles.pagination`): `ids`, the
stories' ids newest first, read along one index; and `stories`, which loads just the ids
asked for with what a card shows."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .pagination import in_order


@dataclass(frozen=True)
class Listing:
    title: str
    description: str
    path: str
    ids: QuerySet
    stories: QuerySet

    @property
    def feed_path(self):
        return f"{self.path}feed/"

    @property
    def atom_path(self):
        return f"{self.path}feed/atom/"

    def newest(self, count: int, stories: QuerySet | None = None) -> list:
        """The newest `count` stories, loaded from `stories` (by default `self.stories`)."""
        return in_order(self.stories if stories is None else stories, list(self.ids[:count]))
