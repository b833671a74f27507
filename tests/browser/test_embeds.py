"""Embedded figures in Chromium: axe finds nothing wrong on them in either colour scheme, and
another site can frame them, while it cannot frame a story."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

from django.core.management import call_command

import pytest
from axe_playwright_python.sync_playwright import Axe

from api.embeds import embed_url, embeddable_blocks
from articles.models import ArticlePage
from newsroom.demo import REFERENCE_SLUG

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def reference_embeds():
    story = ArticlePage.objects.get(slug=REFERENCE_SLUG)
    return story, [embed_url(story, child.id) for child in embeddable_blocks(story)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_embedded_figures(live_server, page, scheme):
    call_command("load_demo")
    _, paths = reference_embeds()
    assert paths
    page.emulate_media(color_scheme=scheme)
    for path in paths:
        assert page.goto(live_server.url + path).status == 200
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


@pytest.fixture
def other_site():
    """Another site on this machine (Chromium lets no public page frame a local address):
    it serves `other_site.html` at its root."""
    site = SimpleNamespace(html="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = site.html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.url = f"http://127.0.0.1:{server.server_port}/"
    yield site
    server.shutdown()
    server.server_close()


def test_another_site_can_frame_a_figure_but_not_a_story(live_server, page, other_site):
    call_command("load_demo")
    story, paths = reference_embeds()
    other_site.html = (
        f'<iframe id="figure" src="{live_server.url}{paths[0]}"></iframe>'
        f'<iframe id="story" src="{live_server.url}{story.url}"></iframe>'
    )
    page.goto(other_site.url)
    page.frame_locator("#figure").locator("figure.stat").wait_for()
    page.wait_for_load_state("load")
    assert page.frame_locator("#story").locator("article.story").count() == 0
    assert "chrome-error://chromewebdata/" in [frame.url for frame in page.frames]
