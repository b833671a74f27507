"""Reader pages at 100,000 stories on PostgreSQL, as a crowd asks for them (cold, the default)
or as one editor asks for one URL again and again (`MODE=warm`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_scale make bench-scale
    make bench-scale STORIES=20000      # a smaller archive
    make bench-scale MODE=warm          # the warm, signed-in mode
    EXPLAIN=1 make bench-scale          # and the plan of each kind's slowest query

Cold mode (`benchmarks/crowd.py`): production settings with Redis, anonymous, caches
flushed, each of about 700 URLs once in random order, then the first request after a
publish for home, listings, robots.txt and every sitemap page. Warm mode:

`DATABASE_URL` names a PostgreSQL database this may fill: it is migrated, given the demo
content, then topped up to `STORIES` generated stories (`benchmarks/stories.py`), so a second
run reuses the archive and only measures. In warm mode each page is requested through the whole
middleware stack by a signed-in editor (no page cache serves them), twice to warm up, then
20 times; one line each:

    p95_ms <name> <milliseconds> queries <n> median_ms <ms> python_cpu_ms <ms>

The machine's load average is printed first: on a shared machine, other work shows in the
wall-clock figures; `python_cpu_ms` (the median CPU time of this process per request, the
database's work not included) shows less of it.
"""

import math
import os
import sys
import time

from benchmarks.database import production_settings, setup

# One client makes every request: the API's throttle must not answer 429 (read at import).
os.environ.setdefault("API_THROTTLE_RATE", "1000000/minute")
MODE = os.environ.get("MODE", "cold")
if MODE == "cold":
    production_settings()
setup()
if MODE == "warm":
    from django.conf import settings

    # The archive's pictures live where production keeps them, whichever mode made them:
    # the test settings' own folder is new in each run.
    settings.MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(settings.BASE_DIR / "media"))

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticlePage, ArticlePageAuthor, ArticlePageTag  # noqa: E402
from articles.pagination import listings_changed  # noqa: E402
from benchmarks import crowd, stories  # noqa: E402

REQUESTS = 20
WARM_UP = 2
BUDGET_MS = 50
AFTER_PUBLISH = ("news-first", "news-last", "topic", "home", "sitemap")


def most_common(model, field):
    from django.db.models import Count

    counts = model.objects.values(field).annotate(n=Count("pk")).order_by("-n")
    return counts.values_list(field, flat=True)[0]


def pages():
    """The pages to time, by name: the news listing at both ends, the busiest area, topic and
    author, home, the newest stories' sitemap (the one a publish rewrites), and searches for
    a common word (1% of stories), a rare one (a handful) and a phrase."""
    from taggit.models import Tag

    from articles.models import Author
    from newsroom import story_sitemaps
    from statistics.models import PoliceForce

    total = ArticlePage.objects.listed().count()
    last = math.ceil(total / 20)
    area = PoliceForce.objects.get(pk=most_common(ArticlePage.areas.through, "policeforce_id"))
    topic = Tag.objects.get(pk=most_common(ArticlePageTag, "tag_id"))
    author = Author.objects.get(pk=most_common(ArticlePageAuthor, "author_id"))
    story = ArticlePage.objects.listed().newest_first().first()
    newest = ArticlePage.objects.listed().order_by("-pk").values_list("pk", flat=True).first()
    force = PoliceForce.objects.get(slug="wiltshire")
    return {
        "news-first": "/news/",
        "news-last": f"/news/?page={last}",
        "area": f"/news/area/{area.slug}/",
        "topic": f"/news/topic/{topic.slug}/",
        "author": f"/authors/{author.slug}/",
        "home": "/",
        "sitemap": story_sitemaps.path(story_sitemaps.part_of(newest)),
        "search-common": f"/search/?q={stories.COMMON_WORD}",
        "search-rare": f"/search/?q={stories.RARE_WORD}",
        "search-phrase": f'/search/?q="{" ".join(stories.PHRASE)}"',
        "story": story.url,
        # The API (docs/api.md): a list page of 50 at both ends, a topic's, a story, figures.
        "api-stories-first": "/api/v2/pages/?limit=50",
        "api-stories-last": f"/api/v2/pages/?limit=50&offset={total - 50}",
        "api-stories-topic": f"/api/v2/pages/?limit=50&topic={topic.slug}",
        "api-story": f"/api/v2/pages/{story.pk}/",
        "api-figures": "/api/figures/?page_size=1000",
        "api-figures-force": f"/api/figures/?force={force.slug}",
    }


def p95(client, url, *, after_publish=False):
    """p95 and median wall-clock, median CPU time, and the queries of one more request.
    `after_publish`: each request as the first after a story is published (the listings
    version moves on, so cached counts, cards and sitemaps are built again)."""
    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200, url
    times, cpu = [], []
    for _ in range(REQUESTS):
        if after_publish:
            listings_changed()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, url
    if after_publish:
        listings_changed()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    cpu.sort()
    return (
        times[math.ceil(0.95 * REQUESTS) - 1],
        times[REQUESTS // 2],
        cpu[REQUESTS // 2],
        len(queries),
    )


def main():
    if connection.vendor != "postgresql":
        sys.exit("bench-scale measures PostgreSQL: set DATABASE_URL=postgres://…")
    # Keep the connection between requests, as production does (CONN_MAX_AGE).
    connection.settings_dict["CONN_MAX_AGE"] = None
    wanted = int(os.environ.get("STORIES", "100000"))
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    have = ArticlePage.objects.count()
    if have < wanted:
        start = time.perf_counter()
        stories.generate(wanted - have)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(
            f"generated {wanted - have} stories in {time.perf_counter() - start:.0f} s "
            "(including search documents and VACUUM ANALYZE)"
        )
    print(
        f"{ArticlePage.objects.listed().count()} published stories on {connection.vendor}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    if MODE == "cold":
        call_command("collectstatic", interactive=False, verbosity=0)
        worst = max(crowd.run(explain=bool(os.environ.get("EXPLAIN"))).values())
        verdict = "under" if worst < BUDGET_MS else "OVER"
        print(f"slowest p95 {worst:.1f} ms: {verdict} the {BUDGET_MS} ms budget")
        return
    # No setup_test_environment(): it would make every template render keep a copy of its
    # context for the test client, a cost per card and include that production never pays.
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(editor)
    worst = 0
    urls = pages()
    for name, url in urls.items():
        ms, median, cpu, queries = p95(client, url)
        worst = max(worst, ms)
        report(name, url, ms, median, cpu, queries)
    verdict = "under" if worst < BUDGET_MS else "OVER"
    print(f"slowest p95 {worst:.1f} ms: {verdict} the {BUDGET_MS} ms budget")
    print("each request the first after a story is published (nothing of listings cached):")
    for name in AFTER_PUBLISH:
        report(f"{name}-after-publish", urls[name], *p95(client, urls[name], after_publish=True))


def report(name, url, ms, median, cpu, queries):
    print(
        f"p95_ms {name} {ms:.1f} queries {queries} median_ms {median:.1f} "
        f"python_cpu_ms {cpu:.1f}  {url}"
    )


if __name__ == "__main__":
    main()
