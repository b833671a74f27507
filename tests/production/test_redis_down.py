"""The app servers with REDIS_URL on a port nothing listens on: pages answer 200, uncached."""

import json
import subprocess

import pytest

from tests.production.conftest import (
    REFERENCE_STORY,
    ROOT,
    free_port,
    get,
    wait_for,
)

# One stack for all of them: every test using it runs in the same xdist worker.
pytestmark = pytest.mark.xdist_group("production-stack")


@pytest.fixture(scope="module")
def app_without_redis(stack):
    """gunicorn alone, on the stack's database, with Redis unreachable."""
    port = free_port()
    env = {**stack.env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/10"}
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "newsroom.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--no-control-socket"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", 60, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize(
    "path", ["/", "/news/", REFERENCE_STORY, "/news/feed/", "/sitemap.xml", "/search/?q=police"]
)
def test_pages_answer_200_with_redis_unreachable(app_without_redis, path):
    for _ in range(2):
        response = get(app_without_redis + path)
        assert response.status == 200
        assert response.header("X-Page-Cache") in ("", "miss")


def test_readiness_says_the_cache_failed_and_stays_ready(app_without_redis):
    response = get(app_without_redis + "/readyz")
    assert response.status == 200
    assert json.loads(response.body)["checks"]["cache"] == "failed"
