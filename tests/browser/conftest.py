"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Chromium comes from Debian (`apt-get install chromium`); Playwright cannot download browsers
here. Without it these tests are skipped, except where REQUIRE_BROWSER is set (CI), where a
missing browser is a failure. Screenshots go to test-artifacts/ for people to look at.
"""

import os
import shutil
import threading
import time
from pathlib import Path

from django.db import connections

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class RequestsInFlight:
    """The live server's application, counting the requests it is answering, so a test can
    wait for the last of them (an autosave, an editing-session ping) before the database is
    flushed: on PostgreSQL a flush that meets a request's transaction is a deadlock.

    On SQLite the test database lives in memory, and the server's threads all use the test's
    one connection: two requests at once (an autosave beside a submit) would share a
    transaction and fail with "cannot start a transaction within a transaction", which a
    real server, a connection per thread, never does. There it answers one request at a
    time; the tests of requests that overlap run on PostgreSQL."""

    def __init__(self, app, one_at_a_time):
        self.app = app
        self.count = 0
        self.changed = threading.Condition()
        self.turn = threading.Lock() if one_at_a_time else None

    def __call__(self, environ, start_response):
        """A request is in flight until its response is closed: a streamed download still
        reads the database after the application has returned."""
        with self.changed:
            self.count += 1
        if self.turn:
            self.turn.acquire()
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self.done()
            raise
        return Answering(response, self.done)

    def done(self):
        if self.turn:
            self.turn.release()
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait(self, timeout=30):
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout)


class Answering:
    """A response that says when the server has finished sending it."""

    def __init__(self, response, on_close):
        self.response = response
        self.on_close = on_close

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.on_close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, stopped before the test database is dropped (its
    thread's connection would otherwise keep PostgreSQL from dropping it)."""
    server = live_server.thread.httpd
    shares_connection = bool(live_server.thread.connections_override)
    server.set_app(RequestsInFlight(server.get_app(), one_at_a_time=shares_connection))
    return live_server


@pytest.fixture(autouse=True)
def _restore_migrated_data(django_db_serialized_rollback, live_server):
    """Live-server tests flush the database; serialized rollback puts back what the
    migrations created (the site and its home page, the police forces) for the next test.
    The browser is closed first (its fixtures are set up after this one), then the server's
    last requests are let finish."""
    yield
    # A request the browser sent as it closed may only now be accepted.
    for _ in range(2):
        live_server.thread.httpd.get_app().wait()
        time.sleep(0.2)


@pytest.fixture(autouse=True)
def _serve_media(settings):
    """Media is served by the web server in production; here the live server serves it."""
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture
def browser():
    """A browser for one test. Playwright's sync API runs an event loop, and Django's
    connections are local to it: started after the test database is set up and stopped
    before it is torn down, it cannot swap the connection the test sees."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"chromium not found at {CHROMIUM}: apt-get install chromium")
        pytest.skip(f"chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Connections the test opened while Playwright's loop ran belong to that loop's
        # context: close them here, or they outlive the test database.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as test-artifacts/<name>.png and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
