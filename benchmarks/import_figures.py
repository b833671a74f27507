"""Benchmark, not a test: import a generated 50,000-row CSV and print rows/s and peak memory.

Run with `make bench-import` (ROWS=… to change the size). It uses a throwaway SQLite
database in a temporary folder unless DATABASE_URL is set, so it never touches your data.
Timings run without tracing (tracemalloc slows Python several times over); peak memory is
then measured in separate checking runs of a fifth of the file and of all of it: Python's own
allocations (tracemalloc), which would grow with the file if it were read whole.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(path, rows):
    """`rows` figures: every force, one measure per block of periods, periods going back."""
    from statistics.models import PoliceForce

    forces = list(PoliceForce.objects.values_list("slug", flat=True))
    per_measure = len(forces) * 100  # 100 calendar years per measure and force
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("force,measure,period,value\n")
        for n in range(rows):
            measure, rest = divmod(n, per_measure)
            year, force = divmod(rest, len(forces))
            out.write(f"{forces[force]},bench-{measure},{1900 + year},{(n * 7919) % 100_000}\n")
    return -(-rows // per_measure)


def measure_run(path, dry_run, trace=False):
    from statistics.importers import FigureImporter, SourceDetails

    source = SourceDetails(
        publisher="Benchmark", title="Generated figures", date_published=datetime.date(2020, 1, 1)
    )
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with open(path, "rb") as stream:
        report = FigureImporter(source=source).run(stream, dry_run=dry_run)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    assert report.ok, report.errors[:5]
    return report, elapsed, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("ROWS", 50_000)))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    own_database = "DATABASE_URL" in os.environ
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from statistics.models import Figure, Measure

    call_command("migrate", verbosity=0)
    path, small = folder / "figures.csv", folder / "fifth.csv"
    measures = generate(path, args.rows)
    generate(small, args.rows // 5)
    for n in range(measures):
        Measure.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"B{n}", "unit": "x"})
    size = path.stat().st_size / 1e6
    database = os.environ["DATABASE_URL"].split(":")[0]
    print(f"{args.rows:,} rows, {size:.1f} MB of CSV, {database} database")
    for label, dry_run in [("check only (dry run)", True), ("import", False), ("re-import", False)]:
        report, elapsed, _ = measure_run(path, dry_run)
        print(f"{label:21} {elapsed:6.2f} s {args.rows / elapsed:9,.0f} rows/s  {report.summary}")
    for file, rows in [(small, args.rows // 5), (path, args.rows)]:
        _, _, peak = measure_run(file, dry_run=True, trace=True)
        print(f"peak memory checking {rows:>7,} rows: {peak / 1e6:5.1f} MB (tracemalloc)")
    if own_database:  # a throwaway database is simply left behind in the temporary folder
        Figure.objects.filter(measure__slug__startswith="bench-").delete()
        Measure.objects.filter(slug__startswith="bench-").delete()


if __name__ == "__main__":
    main()
