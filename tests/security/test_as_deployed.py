"""The site as deployed: through `make production`'s nginx, one stack for this module.

Sign-in throttling, where gunicorn on its Unix socket sees no client address and the
reader's address is the one nginx forwards: readers come from 127.0.0.1 and 127.0.0.2 (a
client socket bound to that source address), and an `X-Forwarded-For` the client sends
itself changes nothing. Then the supervised stack (a killed task worker is started again
while readers are served), nginx's own headers, over-long paths, and a quiet start.
"""

import http.client
import os
import re
import signal
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.production.conftest import (
    REFERENCE_STORY,
    Response,
    get,
    image_urls,
    logged_requests,
    running_stack,
)

pytestmark = pytest.mark.xdist_group("production-stack")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """This module's own stack, stopped when its tests are done."""
    with running_stack(tmp_path_factory) as running:
        yield running


LOGIN = "/admin/login/"
PASSWORD = "a-long-correct-horse-password"
FAILURE_LIMIT = 10


class Browser:
    """One reader at one source address, keeping its cookies as a browser does."""

    def __init__(self, url: str, source: str = "127.0.0.1", headers: dict | None = None):
        parts = urlsplit(url)
        self.host, self.port, self.source = parts.hostname, parts.port, source
        self.headers = headers or {}
        self.cookies = SimpleCookie()

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(self.source, 0)
        )
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        sent = {**self.headers, **(headers or {}), **({"Cookie": cookie} if cookie else {})}
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Response(response.status, headers, response.read())
        finally:
            connection.close()

    def sign_in(self, username: str, password: str) -> int:
        """The status of the sign-in form's POST: 302 signed in, 200 refused, 429 paused."""
        self.cookies = SimpleCookie()
        form = self.request("GET", LOGIN).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", LOGIN, body, headers).status


def fail(browser: Browser, username: str, times: int) -> list[int]:
    return [browser.sign_in(username, "wrong-password") for _ in range(times)]


@pytest.fixture
def editor_name(stack):
    """A new editor on the stack's own database, so each test counts from nought."""
    username = f"editor-{uuid.uuid4().hex[:8]}"
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser({username!r}, '', {PASSWORD!r})",
    )
    return username


def test_the_tenth_wrong_password_through_nginx_pauses_sign_in(stack, editor_name):
    reader = Browser(stack.url)
    assert fail(reader, editor_name, FAILURE_LIMIT) == [200] * (FAILURE_LIMIT - 1) + [429]
    assert reader.sign_in(editor_name, PASSWORD) == 429


def test_the_pause_is_for_that_username_from_that_address(stack, editor_name):
    fail(Browser(stack.url), editor_name, FAILURE_LIMIT)
    elsewhere = Browser(stack.url, source="127.0.0.2")
    assert elsewhere.sign_in(editor_name, PASSWORD) == 302
    # From the second address the count is its own, and pauses at its own tenth failure.
    assert fail(elsewhere, editor_name, FAILURE_LIMIT)[-2:] == [200, 429]


def test_other_usernames_from_the_paused_address_still_sign_in(stack, editor_name):
    colleague = f"colleague-{editor_name}"
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser({colleague!r}, '', {PASSWORD!r})",
    )
    reader = Browser(stack.url)
    fail(reader, editor_name, FAILURE_LIMIT)
    assert reader.sign_in(colleague, PASSWORD) == 302


def test_an_x_forwarded_for_sent_by_the_client_does_not_escape_the_pause(stack, editor_name):
    statuses = [
        Browser(stack.url, headers={"X-Forwarded-For": f"198.51.100.{n}"}).sign_in(
            editor_name, "wrong-password"
        )
        for n in range(FAILURE_LIMIT)
    ]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429]
    spoofed = {"X-Forwarded-For": "203.0.113.99", "X-Real-IP": "203.0.113.99"}
    assert Browser(stack.url, headers=spoofed).sign_in(editor_name, PASSWORD) == 429


def test_the_request_log_names_the_reader_address_nginx_saw(stack):
    spoofing = Browser(stack.url, source="127.0.0.2", headers={"X-Forwarded-For": "10.9.8.7"})
    response = spoofing.request("GET", "/news/?spoof=1")
    assert response.status == 200
    assert response.header("X-Queries") == ""  # the app's count is for the log only
    entries = logged_requests(
        stack,
        lambda e: (
            (e["client"], e["method"], e["path"], e["status"])
            == ("127.0.0.2", "GET", "/news/", 200)
        ),
    )
    assert "10.9.8.7" not in {e["client"] for e in entries}


def test_the_request_log_counts_the_apps_queries_and_its_page_cache(stack):
    """What only the app knows reaches nginx's line: the page cache's miss, then its hit,
    which needs no query at all; a static file, served by nginx alone, is not logged."""
    path = f"/search/?q={uuid.uuid4().hex}"
    # Asked again until the page cache serves it (a purge an earlier test queued may drop it).
    for _ in range(20):
        if get(stack.url + path).header("X-Page-Cache") == "hit":
            break
        time.sleep(0.5)
    css = re.search(r'href="(/static/[^"]+\.css)"', get(stack.url + "/").text).group(1)
    assert get(stack.url + css).status == 200
    entries = logged_requests(stack, lambda e: e["path"] == "/search/" and e["cache"] == "hit")
    lines = [e for e in entries if e["path"] == "/search/"]
    assert (lines[-1]["cache"], lines[-1]["queries"]) == ("hit", 0)
    assert any(e["cache"] == "miss" and e["queries"] > 0 for e in lines)
    assert all(isinstance(e["seconds"], float) and e["bytes"] > 0 for e in lines)
    assert css not in {e["path"] for e in logged_requests(stack, lambda e: True)}


def started_pids(stack, part: str) -> list[int]:
    return [
        int(pid)
        for pid in re.findall(
            rf"\[production\] started {part} \(pid (\d+)\)", stack.log.read_text()
        )
    ]


def test_a_killed_task_worker_is_started_again_and_no_reader_is_refused(stack):
    killed = started_pids(stack, "worker")[-1]
    statuses, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            for path in ("/", REFERENCE_STORY, "/readyz"):
                try:
                    statuses.append(get(stack.url + path).status)
                except OSError as error:
                    statuses.append(repr(error))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        time.sleep(1)
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while started_pids(stack, "worker")[-1] == killed and time.monotonic() < deadline:
            time.sleep(0.2)
        read_before = len(statuses)
        while len(statuses) < read_before + 30 and time.monotonic() < deadline:
            time.sleep(0.2)  # readers served after the new worker started, too
    finally:
        stop.set()
        reader.join()
    assert started_pids(stack, "worker")[-1] != killed, stack.log.read_text()[-2000:]
    assert len(statuses) >= 30
    assert [s for s in statuses if s != 200] == []
    # The new worker works the queue: a publish reaches readers (its purge is a task).
    stack.publish_standfirst(REFERENCE_STORY, "Published after the worker was killed.")
    deadline = time.monotonic() + 15
    while "after the worker was killed" not in get(stack.url + REFERENCE_STORY).text:
        assert time.monotonic() < deadline, "the restarted worker ran no purge"
        time.sleep(0.3)


def test_the_log_says_how_to_create_the_first_editor(stack):
    assert "create the first editor with: " in stack.log.read_text()
    assert "make production-superuser" in stack.log.read_text()


def test_nginx_never_found_gunicorn_missing_while_starting(stack):
    errors = (stack.run_dir / "run" / "nginx-error.log").read_text()
    assert "[crit]" not in errors and "while connecting to upstream" not in errors, errors


def test_static_files_are_never_sniffed_as_another_type(stack):
    stylesheet = re.search(r'rel="stylesheet" href="(/static/[^"]+)"', get(stack.url).text)[1]
    unhashed = re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", stylesheet)
    assert unhashed != stylesheet
    for path in (stylesheet, unhashed):
        response = get(stack.url + path)
        assert response.status == 200, path
        assert response.header("X-Content-Type-Options") == "nosniff", path


def test_media_files_run_nothing_even_opened_as_a_page(stack):
    pictures = [u for u in image_urls(get(stack.url + REFERENCE_STORY).text) if "/media/" in u]
    assert pictures
    response = get(stack.url + "/media/" + pictures[0].split("/media/", 1)[1])
    assert response.status == 200
    assert response.header("Content-Security-Policy") == "default-src 'none'"
    assert response.header("X-Content-Type-Options") == "nosniff"
    missing = get(stack.url + "/media/original_images/no-such-file.html")
    assert missing.status == 404
    assert missing.header("Content-Security-Policy") == "default-src 'none'"


def test_permissions_policy_names_no_retired_feature(stack):
    policy = get(stack.url + "/").header("Permissions-Policy")
    assert "camera=()" in policy and "interest-cohort" not in policy


@pytest.mark.parametrize("length", [3440, 3800, 4080])
def test_a_long_path_without_its_slash_is_redirected_not_a_502(stack, length):
    path = "/news/" + "a" * (length - len("/news/"))
    response = Browser(stack.url).request("GET", path)  # the redirect itself, not followed
    assert response.status == 301
    assert response.header("Location").endswith(path + "/")


@pytest.mark.parametrize("length", [4100, 6000, 9000])
def test_a_path_too_long_to_serve_is_refused_cleanly(stack, length):
    response = Browser(stack.url).request("GET", "/news/" + "a" * (length - len("/news/")))
    assert 400 <= response.status < 500


def unix_sockets_of(pid: int) -> set[str]:
    """The paths of the Unix sockets a process holds open."""
    inodes = {
        target[len("socket:[") : -1]
        for fd in Path(f"/proc/{pid}/fd").iterdir()
        if (target := os.readlink(fd)).startswith("socket:[")
    }
    rows = (line.split() for line in Path("/proc/net/unix").read_text().splitlines()[1:])
    return {row[7] for row in rows if len(row) > 7 and row[6] in inodes}


def test_gunicorn_listens_on_its_own_socket_and_no_shared_control_socket(stack):
    sockets = unix_sockets_of(started_pids(stack, "web")[-1])
    assert str(stack.run_dir / "run" / "gunicorn.sock") in sockets
    assert not [path for path in sockets if path.endswith(".ctl")], sockets
