"""The Nu HTML checker (npm's `vnu-jar`, installed by `npm ci` as `make audit` uses it) on
pages the tests fetch. Skipped where it is not installed, except in CI (`REQUIRE_VNU=1`)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))
INSTALLED = VNU_JAR.exists() and bool(shutil.which("java"))


def require_checker():
    """For a test module's `pytestmark`: skip without the checker, fail in CI without it."""
    if INSTALLED:
        return pytest.mark.nu_checker
    if os.environ.get("REQUIRE_VNU"):
        return pytest.mark.usefixtures("_missing_checker")
    return pytest.mark.skip(reason="the Nu HTML checker is absent (npm ci)")


@pytest.fixture
def _missing_checker():
    pytest.fail(f"the Nu HTML checker is required and absent at {VNU_JAR}: npm ci")


def nu_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    """The checker's errors on each page (name: HTML), one line each."""
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    return [f"{m['url']}: {m['message']}" for m in messages if m["type"] == "error"]
