"""What a crowd asks of a large archive: many URLs, once each, anonymous, caches cold.

Used by `make bench-scale` (its default, cold mode). With production settings and a real Redis
as the cache (`BENCH_REDIS_URL`, database 14 by default, flushed), every URL below is asked
for once, in random order, by an anonymous reader:

- `cold-news`: 200 random pages of /news/; `cold-topic`, `cold-area`: 50 random topics and
  areas at a random page each; `cold-author`: 50 random author pages; `cold-story`: 100 random
  stories;
- `cold-search-rare`, `-1pct`, `-10pct`, `-50pct`: 25 distinct words each, from words found in
  a handful of stories to words in about half of them (PostgreSQL's `ts_stat`);
  `cold-search-phrase`: 30 quoted two-word phrases taken from stories' text;
  `cold-search-two`: 30 queries of two words;
- `after-publish-<page>`: home, /news/, a topic, an area, robots.txt and every page of every
  sitemap, each asked for as the first request after a story is published (the listings
  version moves on and the page is purged from the page cache), 20 times.

One line per kind: `p95_ms <kind> <ms> median_ms <ms> n <requests>`; with `EXPLAIN=1`, the
EXPLAIN ANALYZE of the slowest query of the slowest request of each kind.
"""

import gc
import math
import random
import re
import time
from collections import defaultdict
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag

from articles.models import ArticlePage, ArticlePageTag, Author
from articles.pagination import listings_changed
from newsroom.page_cache import purge_path
from statistics.models import PoliceForce

PER_PAGE = 20
AFTER_PUBLISH_REPEATS = 20
FREQUENCIES = {
    "rare": (0, 0.001),
    "1pct": (0.005, 0.02),
    "10pct": (0.05, 0.15),
    "50pct": (0.3, 0.7),
}


def pages_of(count: int) -> int:
    return max(1, math.ceil(count / PER_PAGE))


def random_listing(rng, path, count) -> str:
    page = rng.randint(1, pages_of(count))
    return path if page == 1 else f"{path}?page={page}"


def search_words(rng, total) -> dict[str, list[str]]:
    """Distinct words per frequency band, as the search documents hold them (stems)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM articles_articlepage') "
            "WHERE length(word) > 3"
        )
        rows = cursor.fetchall()
    bands = {}
    for name, (low, high) in FREQUENCIES.items():
        words = sorted(
            w for w, n in rows if low * total < n <= max(high * total, 5) and w.isalpha()
        )
        bands[name] = rng.sample(words, min(25, len(words)))
    return bands


def story_text_pairs(rng, count) -> list[str]:
    """Adjacent word pairs from random stories' standfirsts: phrases that exist."""
    ids = list(ArticlePage.objects.listed().values_list("pk", flat=True))
    pairs = []
    for standfirst in ArticlePage.objects.filter(pk__in=rng.sample(ids, count)).values_list(
        "standfirst", flat=True
    ):
        words = re.findall(r"[a-z]+", standfirst.lower())
        start = rng.randrange(max(1, len(words) - 1))
        pairs.append(" ".join(words[start : start + 2]))
    return pairs


def cold_urls(rng) -> list[tuple[str, str]]:
    total = ArticlePage.objects.listed().count()
    urls = [("cold-news", random_listing(rng, "/news/", total)) for _ in range(200)]
    items = "articles_articlepagetag_items"
    tagged = Count(items, filter=Q(**{f"{items}__content_object__listed_at__isnull": False}))
    topics = list(Tag.objects.annotate(n=tagged).filter(n__gt=0))
    for tag in rng.choices(topics, k=50):
        urls.append(("cold-topic", random_listing(rng, f"/news/topic/{tag.slug}/", tag.n)))
    in_area = Count("articles", filter=Q(articles__listed_at__isnull=False))
    forces = list(PoliceForce.objects.annotate(n=in_area).filter(n__gt=0))
    for force in rng.choices(forces, k=50):
        urls.append(("cold-area", random_listing(rng, f"/news/area/{force.slug}/", force.n)))
    credited = Count("article_credits", filter=Q(article_credits__page__listed_at__isnull=False))
    authors = list(Author.objects.annotate(n=credited).filter(n__gt=0))
    for author in rng.choices(authors, k=50):
        urls.append(("cold-author", random_listing(rng, author.get_absolute_url(), author.n)))
    ids = list(ArticlePage.objects.listed().values_list("pk", flat=True))
    for story in ArticlePage.objects.filter(pk__in=rng.sample(ids, 100)).only("url_path"):
        urls.append(("cold-story", story.url))
    urls += [("cold-search-phrase", f'/search/?q="{pair}"') for pair in story_text_pairs(rng, 30)]
    bands = search_words(rng, total)
    urls += [
        (f"cold-search-{band}", f"/search/?q={word}")
        for band, words in bands.items()
        for word in words
    ]
    common = bands["10pct"] + bands["1pct"]
    for _ in range(30):
        urls.append(("cold-search-two", "/search/?q=" + "+".join(rng.sample(common, 2))))
    rng.shuffle(urls)
    return urls


def sitemap_pages(client) -> list[str]:
    index = client.get("/sitemap.xml")
    locations = re.findall(rb"<loc>([^<]+)</loc>", index.content)
    paths = ["/sitemap.xml"]
    if client.get("/news-sitemap.xml").status_code == 200:  # only with stories of the last 2 days
        paths.append("/news-sitemap.xml")
    for location in locations:
        parts = urlsplit(location.decode())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def timed(client, url) -> tuple[float, list]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, queries.captured_queries


def percentile(times, fraction) -> float:
    times = sorted(times)
    return times[max(0, math.ceil(fraction * len(times)) - 1)]


def run(*, seed: int = 2026, explain: bool = False) -> dict[str, float]:
    """Time every kind; print and return each kind's p95."""
    rng = random.Random(seed)
    connection.settings_dict["CONN_MAX_AGE"] = None
    client = Client()
    urls = cold_urls(rng)
    # As a gunicorn worker does after start-up (newsroom/wsgi.py): what this process holds
    # to make the URLs (every story's id, every word's count) would otherwise be walked by
    # each full garbage collection, and show as a request of several hundred milliseconds.
    gc.collect()
    gc.freeze()
    cache.clear()
    times, slowest = defaultdict(list), {}
    for kind, url in urls:
        ms, queries = timed(client, url)
        times[kind].append(ms)
        if ms > slowest.get(kind, (0, None, None))[0]:
            slowest[kind] = (ms, url, queries)

    story = ArticlePage.objects.listed().newest_first().first()
    topic = ArticlePageTag.objects.filter(content_object=story).first().tag
    after = {
        "home": "/",
        "news": "/news/",
        "topic": f"/news/topic/{topic.slug}/",
        "area": f"/news/area/{story.areas.first().slug}/",
        "robots": "/robots.txt",
    }
    for path in sitemap_pages(client):
        name = re.sub(r"[^a-z0-9]+", "-", path.replace(".xml", "").lower()).strip("-")
        after[name] = path
    for name, url in after.items():
        client.get(url)  # warm: what a publish leaves cached stays cached
        for _ in range(AFTER_PUBLISH_REPEATS):
            listings_changed()
            purge_path(urlsplit(url).path)
            ms, queries = timed(client, url)
            times[f"after-publish-{name}"].append(ms)
            if ms > slowest.get(f"after-publish-{name}", (0, None, None))[0]:
                slowest[f"after-publish-{name}"] = (ms, url, queries)

    results = {}
    for kind, values in times.items():
        results[kind] = percentile(values, 0.95)
        print(
            f"p95_ms {kind} {results[kind]:.1f} median_ms {percentile(values, 0.5):.1f} "
            f"n {len(values)}"
        )
    if explain:
        for kind, (ms, url, queries) in sorted(slowest.items()):
            query = max(queries, key=lambda q: float(q["time"]), default=None)
            if query is None or not query["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + query["sql"])
                plan = "\n    ".join(row[0] for row in cursor.fetchall())
            print(f"--- {kind}: {url} ({ms:.0f} ms, slowest query {query['time']} s)\n    {plan}")
    return results
