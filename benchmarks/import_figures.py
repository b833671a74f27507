"""Benchmark, not a test: import a generated file of figures; print rows/s and peak memory.

`make bench-import` (ROWS=50000 FORMAT=csv by default; FORMAT=xlsx for Excel) generates the
file in a temporary folder and imports it into a throwaway SQLite database there, or into
a throwaway copy of the DATABASE_URL database (created, migrated, dropped afterwards). Each
run is a
fresh process so its memory is its own: "peak" is the process's highest resident memory and
"import" the part of it the import added above the loaded Django project. `BAD=1` instead
times `manage.py import_figures` on a file whose every row has a misspelt force and
measure, and counts the lines it prints.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.database import throwaway_database  # noqa: E402

FORCES_PER_PERIOD = 46


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # with DEBUG on, Django keeps and formats every query


def rss_mb(field="VmRSS") -> float:
    """This process's resident memory now, or at its highest with `field="VmHWM"` (not
    `ru_maxrss`, which on Linux keeps the peak of the parent this process was forked from)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rows_of(count, forces):
    """`count` figures: every force, one measure per block of 100 calendar years."""
    per_measure = len(forces) * 100
    for n in range(count):
        measure, rest = divmod(n, per_measure)
        year, force = divmod(rest, len(forces))
        yield forces[force], f"bench-{measure}", 1900 + year, (n * 7919) % 100_000


def generate(path, count, kind):
    from statistics.models import PoliceForce

    forces = list(PoliceForce.objects.values_list("slug", flat=True))
    header = ("force", "measure", "period", "value")
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Figures")
        sheet.append(header)
        for row in rows_of(count, forces):
            sheet.append(row)
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(",".join(header) + "\n")
            for force, measure, year, value in rows_of(count, forces):
                out.write(f"{force},{measure},{year},{value}\n")
    return -(-count // (len(forces) * 100))


def misspelt(text, rng):
    at = rng.randrange(1, len(text))
    return text[:at] + text[at + 1 :]


def generate_bad(path, count):
    """Every row with a misspelt force and measure, as an editor's bad file has."""
    from statistics.models import PoliceForce

    names = list(PoliceForce.objects.values_list("name", flat=True))
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("force,measure,period,value\n")
        for n in range(count):
            force = misspelt(rng.choice(names), rng)
            out.write(f'"{force}",{misspelt("Online offences", rng)},{1900 + n % 100},{n}\n')


def server_pid(connection):
    """The PostgreSQL backend serving this process (on this machine), or None on SQLite."""
    connection.ensure_connection()
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cpu_seconds(pid) -> float:
    """CPU time used so far by process `pid` (user + system), from /proc; 0 without one.
    With the machine busy, CPU time says what wall-clock time would be on an idle one."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(path, label, dry_run):
    """One timed run in this process; prints a line of JSON for the parent."""
    setup()
    from django.db import connection

    from statistics.importers import FigureImporter, SourceDetails

    source = SourceDetails(
        publisher="Benchmark", title="Generated figures", date_published=datetime.date(2020, 1, 1)
    )
    server = server_pid(connection)
    before = rss_mb()
    cpu, server_cpu = time.process_time(), cpu_seconds(server)
    started = time.perf_counter()
    with open(path, "rb") as stream:
        report = FigureImporter(source=source).run(stream, dry_run=dry_run)
    elapsed = time.perf_counter() - started
    cpu, server_cpu = time.process_time() - cpu, cpu_seconds(server) - server_cpu
    peak = rss_mb("VmHWM")
    assert report.ok, report.problems.lines()[:5]
    print(
        json.dumps(
            {
                "label": label,
                "elapsed": elapsed,
                "cpu": cpu,
                "server_cpu": server_cpu,
                "peak": peak,
                "before": before,
                "summary": report.summary,
            }
        )
    )


def run_child(path, label, dry_run):
    command = [sys.executable, __file__, "--child", str(path), "--label", label]
    if dry_run:
        command.append("--dry-run")
    # What the import queues (purging the data pages it changed) is left to the task worker,
    # as in production: this process times and weighs the import alone.
    env = {**os.environ, "TASK_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_bad(folder, rows):
    path = folder / "bad-names.csv"
    generate_bad(path, rows)
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "import_figures",
        str(path),
        "--source-title=Bad",
        "--source-publisher=Benchmark",
        "--source-date=2020-01-01",
    ]
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, env=os.environ, cwd=ROOT)
    elapsed = time.perf_counter() - started
    lines = (out.stdout + out.stderr).splitlines()
    print(f"{rows:,} rows of misspelt names, {path.stat().st_size / 1e6:.1f} MB of CSV")
    print(
        f"manage.py import_figures: {elapsed:.2f} s (process start included), "
        f"exit code {out.returncode}, {len(lines)} lines of output"
    )
    print(f"last line: {lines[-1] if lines else ''}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("ROWS") or 50_000))
    parser.add_argument(
        "--format", default=os.environ.get("FORMAT") or "csv", choices=["csv", "xlsx"]
    )
    parser.add_argument("--bad", action="store_true", default=bool(os.environ.get("BAD")))
    parser.add_argument("--child", type=Path)
    parser.add_argument("--label", default="")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.label, args.dry_run)
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    setup()
    from django.core.management import call_command
    from django.db import connection

    database = connection.vendor
    if database == "sqlite":  # a file in the temporary folder, simply left behind
        call_command("migrate", verbosity=0)
        measure(args, folder, database)
        return
    with throwaway_database("import_bench") as connection:
        # The runs' own processes use the same throwaway database.
        url = urlsplit(os.environ["DATABASE_URL"])
        os.environ["DATABASE_URL"] = url._replace(
            path=f"/{connection.settings_dict['NAME']}"
        ).geturl()
        measure(args, folder, database)


def measure(args, folder, database):
    from statistics.models import Measure

    if args.bad:
        Measure.objects.get_or_create(
            slug="online-offences", defaults={"name": "Online offences", "unit": "incidents"}
        )
        return bench_bad(folder, args.rows if "ROWS" in os.environ else 40_000)
    path = folder / f"figures.{args.format}"
    measures = generate(path, args.rows, args.format)
    for n in range(measures):
        Measure.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"B{n}", "unit": "x"})
    size = path.stat().st_size / 1e6
    print(f"{args.rows:,} rows, {size:.1f} MB of {args.format}, {database} database")
    for label, dry_run in [
        ("check only (dry run)", True),
        ("import", False),
        ("re-import", False),
    ]:
        result = run_child(path, label, dry_run)
        rate = args.rows / result["elapsed"]
        grew = result["peak"] - result["before"]
        server = f" + {result['server_cpu']:5.2f} s PostgreSQL" if result["server_cpu"] else ""
        print(
            f"{label:21} {result['elapsed']:6.2f} s (CPU {result['cpu']:5.2f} s here{server}) "
            f"{rate:8,.0f} rows/s  peak {result['peak']:4.0f} MB (the import: {grew:3.0f} MB)"
            f"  {result['summary']}"
        )


if __name__ == "__main__":
    main()
