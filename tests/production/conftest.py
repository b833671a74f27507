"""The production stack, started once for the whole session: `make production` (nginx,
gunicorn, the task worker, the scheduler) on free ports with its own run folder (and so its
own database), media and static files, and Varnish in front of it with the VCL from deploy/.

Without nginx or Varnish the tests are skipped, unless REQUIRE_PRODUCTION=1 (as in CI).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.varnish import start_varnish, stop_varnish

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 240
REFERENCE_STORY = "/news/online-child-sex-offences-reported-to-police/"
# What the production stack must not inherit from the test run's environment.
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "REDIS_URL",
    "FRONTEND_CACHE_PURGE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def require(program: str) -> str:
    path = shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")
    if path is None:
        message = f"{program} is not installed (apt-get install nginx-light varnish)"
        if os.environ.get("REQUIRE_PRODUCTION") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def get(url: str, headers: dict | None = None, method: str = "GET") -> Response:
    """A plain HTTP request, answered whatever its status (no decompression)."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Response(response.status, _headers(response), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, _headers(error), error.read())


def _headers(response) -> dict:
    return {name.lower(): value for name, value in response.headers.items()}


def wait_for(url: str, seconds: float, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"stopped while starting (exit {process.returncode})")
        try:
            if get(url).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@dataclass
class Stack:
    url: str  # nginx, as readers reach the site
    varnish_url: str
    env: dict
    run_dir: Path
    log: Path

    def manage(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={
                **self.env,
                "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
                **(env or {}),
            },
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def publish_standfirst(self, path: str, standfirst: str) -> float:
        """Publish a new revision of the story at `path`; returns the time it was committed."""
        code = (
            "import time; from articles.models import ArticlePage; "
            f"page = ArticlePage.objects.get(url_path__endswith={path!r}); "
            f"page.standfirst = {standfirst!r}; page.save_revision().publish(); "
            "print(time.time())"
        )
        return float(self.manage("shell", "-c", code).strip().splitlines()[-1])


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory) as running:
        yield running


@contextmanager
def running_stack(tmp_path_factory):
    """`make production` and Varnish, until the block ends (for a module's own stack)."""
    require("nginx")
    require("varnishd")
    run_dir = tmp_path_factory.mktemp("production")
    port, varnish_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        PORT=str(port),
        RUN_DIR=str(run_dir / "run"),
        MEDIA_ROOT=str(run_dir / "media"),
        STATIC_ROOT=str(run_dir / "static"),
        FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{varnish_port}",
        WEB_CONCURRENCY="2",
    )
    log = run_dir / "production.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "production"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    varnish_pid = None
    try:
        wait_for(f"http://127.0.0.1:{port}/readyz", STARTUP_SECONDS, process)
        # What `make production` chose, for commands run beside it.
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings.production",
            DATABASE_URL=f"sqlite:///{run_dir}/run/db.sqlite3",  # its own, in its run folder
            SITE_URL=f"http://127.0.0.1:{port}",
            SECRET_KEY=(run_dir / "run" / "secret_key").read_text(),
        )
        varnish_pid = start_varnish(
            port=varnish_port, backend_port=port, run_dir=run_dir / "varnish"
        )
        wait_for(f"http://127.0.0.1:{varnish_port}/healthz", 30)
        yield Stack(
            url=f"http://127.0.0.1:{port}",
            varnish_url=f"http://127.0.0.1:{varnish_port}",
            env=env,
            run_dir=run_dir,
            log=log,
        )
    except RuntimeError as error:
        pytest.fail(f"the production stack did not start: {error}\n{log.read_text()[-3000:]}")
    finally:
        if varnish_pid is not None:
            stop_varnish(varnish_pid)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def image_urls(html: str) -> set[str]:
    """Every picture a page points to: src, srcset candidates, og:image, JSON-LD images."""
    urls = set(re.findall(r'<img[^>]+src="([^"]+)"', html))
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        urls |= {candidate.strip().split(" ")[0] for candidate in srcset.split(",")}
    urls |= set(re.findall(r'<meta property="og:image" content="([^"]+)"', html))
    urls |= set(re.findall(r'"@type": "ImageObject", "url": "([^"]+)"', html))
    return {url for url in urls if url}


def logged_requests(stack, wanted) -> list[dict]:
    """nginx's request log (its JSON lines in the stack's output) once it holds a line
    `wanted` accepts: nginx writes a request's line after sending the response, so the
    reader may have the response first."""
    deadline = time.monotonic() + 10
    while True:
        entries = [
            json.loads(line) for line in stack.log.read_text().splitlines() if line[:1] == "{"
        ]
        if any(wanted(entry) for entry in entries):
            return entries
        assert time.monotonic() < deadline, "no such line in the request log"
        time.sleep(0.1)
