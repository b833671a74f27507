"""Topic, area and author listings read along one narrow index, not through a join.

At 100,000 stories a topic's count, or a deep page of it, joined the topic's rows to the
story table: 15–30 ms a query on a cold cache. `ListedStory` keeps one row per live story
and listing it belongs in (a topic, an area, an author), with the story's `listed_at` copied,
so a count is a scan of one index range and any page a short walk along it.

The rows follow what readers see: a whole save of a story (a publish, or a story written by
code) writes them afresh from the topics, areas and authors it was saved with; unpublishing
drops them (`signal_handlers`), and deleting the story takes them with it.
"""

from django.db import models

from . import routing


class Kind(models.TextChoices):
    TOPIC = "topic"
    AREA = "area"
    AUTHOR = "author"


class ListedStoryManager(models.Manager):
    def place(self, story) -> None:
        """Write `story`'s rows afresh; none while it is not listed."""
        self.unplace(story.pk)
        if story.listed_at is None:
            return
        keys = [(Kind.TOPIC, item.tag_id) for item in story.tagged_items.all()]
        keys += [(Kind.AREA, force.pk) for force in story.areas.all()]
        keys += [(Kind.AUTHOR, credit.author_id) for credit in story.article_authors.all()]
        self.bulk_create(
            self.model(story_id=story.pk, kind=kind, key=key, listed_at=story.listed_at)
            for kind, key in set(keys)
        )

    def unplace(self, story_id) -> None:
        self.filter(story_id=story_id).delete()

    def public(self):
        """The rows of stories readers may see: none in a private section (the site's view
        restrictions are few and cached; without any, no join)."""
        private = models.Q()
        for restriction in routing.view_restrictions():
            private |= models.Q(story__path__startswith=restriction.page.path)
        return self.exclude(private) if private else self.all()

    def story_ids(self, kind: Kind, key: int):
        """The ids of the live, public stories in one listing, newest first (the order of
        `ArticlePageQuerySet.newest_first`)."""
        rows = self.public().filter(kind=kind, key=key)
        return rows.order_by("-listed_at", "-story_id").values_list("story_id", flat=True)
