"""Generate 1,000 stories and print the median time of 20 searches.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom python -m benchmarks.search_latency
    make bench-search      # the same, on the local PostgreSQL server

PostgreSQL is the production database, so the figure that matters is measured there (the
script runs on SQLite too, and says which it used). Two figures: the search itself
(`search_articles`, every matching id ranked) and the whole /search/ page a reader gets.
"""

import random
import time

from benchmarks.database import setup, throwaway_database

setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from wagtail.signal_handlers import disable_reference_index_auto_update  # noqa: E402

from newsroom.models import HomePage  # noqa: E402
from newsroom.search import search_articles  # noqa: E402
from tests.factories import (  # noqa: E402
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
)

STORIES = 1_000
QUERIES = [
    "police",
    "wiltshire offences",
    "council budget",
    "bus timetable",
    "library",
    "school places",
    "hospital waiting",
    "cycle lane consultation",
    "housing",
    "flood defences",
    "recycling",
    "crime figures hampshire",
    "nspcc",
    "allotment",
    "parking charges",
    "road repairs",
    "court",
    "planning application",
    "no such words anywhere",
    "swindon salisbury",
]
# Headline and story words: a few common, most rare (a Zipf-like spread, as in real text),
# so a query matches some stories, not all of them.
TOPIC_WORDS = sorted({word for query in QUERIES for word in query.split()})
FILLER_WORDS = [f"{a}{b}{c}" for a in "bcdfglmnprst" for b in "aeiou" for c in "dklmnrst"]


def vocabulary(rng):
    words = TOPIC_WORDS + FILLER_WORDS
    rng.shuffle(words)
    return words, [1 / rank for rank in range(1, len(words) + 1)]


def sentence(rng, vocab, words):
    return " ".join(rng.choices(vocab[0], weights=vocab[1], k=words)).capitalize() + "."


def generate(rng):
    """The stories, saved with the search and reference indexes switched off, then indexed
    for search in one go."""
    vocab = vocabulary(rng)
    news = ArticleIndexPageFactory(parent=HomePage.objects.get())
    authors = [AuthorFactory() for _ in range(12)]
    backends = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        for number in range(STORIES):
            body = "".join(f"<p>{sentence(rng, vocab, 40)}</p>" for _ in range(6))
            ArticlePageFactory(
                parent=news,
                title=f"{sentence(rng, vocab, 7)} ({number})",
                standfirst=sentence(rng, vocab, 25),
                authors=rng.sample(authors, 1),
                body=[("paragraph", body)],
            )
    call_command("update_index", verbosity=0)


def timings_ms(function):
    times = []
    for query in QUERIES:
        start = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def median(values):
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def main():
    with throwaway_database("search") as connection:
        start = time.perf_counter()
        generate(random.Random(2020))
        print(
            f"Generated {STORIES} stories in {time.perf_counter() - start:.0f} s "
            f"on {connection.vendor}."
        )
        client = Client()
        for label, function in [
            ("search_articles (ranked ids)", lambda q: len(search_articles(q))),
            ("GET /search/?q= (whole page)", lambda q: client.get("/search/", {"q": q})),
        ]:
            function(QUERIES[0])  # warm up
            times = timings_ms(function)
            print(
                f"{label}: median {median(times):.1f} ms over {len(QUERIES)} queries "
                f"(min {times[0]:.1f}, max {times[-1]:.1f})"
            )


if __name__ == "__main__":
    main()
