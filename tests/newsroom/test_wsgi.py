"""The app server's entry point freezes what it loaded, so the garbage collector does not
scan the loaded project again on every full collection."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_what_the_app_server_loaded_is_frozen():
    code = "import gc, newsroom.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert int(result.stdout.split()[-1]) > 50_000
