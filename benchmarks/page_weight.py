"""Print each main page's weight (HTML + CSS + JS, images excluded) and SQL query count.

    python -m benchmarks.page_weight        # or: make bench-pages

Uses the demo content in a throwaway database (SQLite, or PostgreSQL with DATABASE_URL).
The reference story must stay under 60 KB; the script says whether it does.
"""

from benchmarks.database import setup, throwaway_database

setup()

from urllib.parse import urlparse  # noqa: E402

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bs4 import BeautifulSoup  # noqa: E402

from newsroom.demo import MAIN_PAGES, REFERENCE_SLUG  # noqa: E402

REFERENCE_LIMIT = 60 * 1024


def asset_bytes(url):
    """Size of a stylesheet or script the page links to, read from the static files."""
    path = urlparse(url).path.removeprefix("/static/")
    found = finders.find(path)
    return len(open(found, "rb").read()) if found else 0


def weigh(client, connection, path):
    client.get(path)  # the first view makes the image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    html = BeautifulSoup(response.content, "html.parser")
    css = [link["href"] for link in html.select("link[rel=stylesheet]")]
    js = [script["src"] for script in html.select("script[src]")]
    foreign = [url for url in css + js if urlparse(url).netloc]
    return {
        "html": len(response.content),
        "css": sum(asset_bytes(url) for url in css),
        "js": sum(asset_bytes(url) for url in js),
        "queries": len(queries),
        "foreign": foreign,
    }


def main():
    with throwaway_database("pages") as connection:
        call_command("load_demo", verbosity=0)
        client = Client()
        print(f"{'page':<60} {'HTML':>7} {'CSS':>6} {'JS':>4} {'total':>7} {'SQL':>4}")
        for path in MAIN_PAGES:
            w = weigh(client, connection, path)
            total = w["html"] + w["css"] + w["js"]
            print(
                f"{path:<60} {w['html']:>7} {w['css']:>6} {w['js']:>4} {total:>7} {w['queries']:>4}"
                + (f"  other hosts: {w['foreign']}" if w["foreign"] else "")
            )
            if path.endswith(f"{REFERENCE_SLUG}/"):
                reference = total
        verdict = "under" if reference < REFERENCE_LIMIT else "OVER"
        print(f"\nReference story: {reference} bytes, {verdict} the {REFERENCE_LIMIT} byte budget.")
        print(f"Database: {connection.vendor}. Bytes are uncompressed; images are excluded.")


if __name__ == "__main__":
    main()
