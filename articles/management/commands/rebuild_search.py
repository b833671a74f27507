"""Write every story's search document again: after `migrate` on each deploy (migrations never
write them), or whenever the documents may be out of step with the stories.

Idempotent: each document is replaced, never added to. Stories are read in batches of
`--batch-size`, each batch with its topics, areas, authors and every block's references in a
fixed number of queries, and written in one statement (two on SQLite).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles import fulltext
from articles.models import ArticlePage


class Command(BaseCommand):
    help = "Rebuild every story's full-text search document (run after migrate; safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, verbosity, **options):
        stories = ArticlePage.objects.order_by("pk").prefetch_related(
            "topics", "areas", "article_authors__author"
        )
        total, done, last = ArticlePage.objects.count(), 0, 0
        while batch := list(stories.filter(pk__gt=last)[:batch_size]):
            with transaction.atomic():
                fulltext.index_articles(batch)
            done, last = done + len(batch), batch[-1].pk
            if verbosity:
                self.stdout.write(f"Search documents: {done:,} of {total:,} stories")
        fulltext.remove_orphans()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search documents of {done:,} stories."))
