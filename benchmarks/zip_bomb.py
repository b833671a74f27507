"""Benchmark, not a test: a 700 MB `sharedStrings.xml` in a 1.8 MB .xlsx (the zip bomb of
issue 20, built as `tests/statistics/test_import_limits.py` builds it), handed to the
importer's reader: how long until it is refused, and how far peak memory rose.

`make bench-zip-bomb` (`UNPACKED_MB=700`).
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from statistics.readers import FileProblem, open_table  # noqa: E402
from tests.statistics.test_import_limits import bomb  # noqa: E402


def peak_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    unpacked = int(os.environ.get("UNPACKED_MB", "700"))
    data = bomb(unpacked)
    print(f"{len(data) / 1e6:.2f} MB .xlsx, {unpacked} MB sharedStrings.xml")
    before = peak_mb()
    started = time.perf_counter()
    try:
        open_table(io.BytesIO(data))
        outcome = "read (not refused)"
    except FileProblem as problem:
        outcome = f"refused: {problem.message}"
    milliseconds = (time.perf_counter() - started) * 1000
    print(f"{milliseconds:.1f} ms, peak memory +{peak_mb() - before:.1f} MB, {outcome}")


if __name__ == "__main__":
    main()
