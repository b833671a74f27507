"""Production settings refuse to start half-configured, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "9f3b7c1e5a2d8f4b6c0e7a1d3f5b9c2e4a6d8f0b"


def manage(*args, env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings.production", **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"SITE_URL": "https://example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "SITE_URL"),
    ],
)
def test_production_refuses_to_start_without(env, missing):
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable for production." in result.stderr


def test_production_passes_the_deploy_checks():
    env = {
        "SECRET_KEY": STRONG_KEY,
        "SITE_URL": "https://example.org",
        "EMAIL_URL": "smtp+tls://news:secret@smtp.example.org",
    }
    result = manage("check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_errors_go_to_sentry_when_a_dsn_is_set():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    env = {"SECRET_KEY": STRONG_KEY, "SITE_URL": "https://example.org"}
    without = manage("shell", "-c", code, env=env)
    with_dsn = manage(
        "shell", "-c", code, env={**env, "SENTRY_DSN": "https://public@sentry.example.org/1"}
    )
    answers = [result.stdout.split()[-1] for result in (without, with_dsn)]
    assert answers == ["False", "True"]
