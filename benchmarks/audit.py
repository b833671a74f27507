"""`make audit`: what tools no one here wrote say about the reader pages, under
`make production`.

Lighthouse (npm `lighthouse`, run in Debian's chromium: `CHROME_PATH`, default
/usr/bin/chromium) scores accessibility, best practices, SEO and performance, and the Nu
HTML checker (npm `vnu-jar`, Java) counts errors, for each page in `PAGES`. Both are pinned
in package.json; `make audit` runs `npm ci` first when node_modules is missing or older.

The stack is started here (deploy/production.py on `PORT`, default 8113, with its own run
folder and SQLite database under `.audit/`, demo content loaded) unless `AUDIT_URL` names a
running site. Prints a table; exits 1 when a page scores under 100 for accessibility, best
practices or SEO (search may lose SEO for its `noindex` only) or has a Nu error.
Performance is printed, not judged: it moves with the machine's load.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = [
    ("home", "/"),
    ("news", "/news/"),
    ("story", "/news/online-child-sex-offences-reported-to-police/"),
    ("author", "/authors/faye-tryhorn/"),
    ("topic", "/news/topic/crime/"),
    ("areas", "/news/area/"),
    ("area", "/news/area/wiltshire/"),
    ("statistics", "/statistics/"),
    ("measure", "/statistics/online-child-sex-offences/"),
    ("search", "/search/?q=police"),
]
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
JUDGED = CATEGORIES[:3]
# What search may lose SEO for: it asks not to be indexed, on purpose.
NOINDEX_AUDITS = {"is-crawlable"}


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def start_stack(port: str) -> subprocess.Popen:
    run_dir = ROOT / ".audit"
    run_dir.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PORT": port,
        "RUN_DIR": str(run_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{run_dir / 'db.sqlite3'}"),
        "MEDIA_ROOT": str(run_dir / "media"),
        "STATIC_ROOT": str(run_dir / "static"),
    }
    log = (run_dir / "production.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "deploy/production.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"make production stopped while starting: see {log.name}")
        try:
            get(f"http://127.0.0.1:{port}/readyz")
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("make production did not start within 300 s")


def lighthouse(url: str, out_dir: Path, name: str) -> dict:
    """Lighthouse's report for `url` (a first run may fail to navigate: tried three times)."""
    report = out_dir / f"{name}.json"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for _attempt in range(3):
        subprocess.run(
            [
                str(BIN / "lighthouse"),
                url,
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            env=env,
            check=False,
        )
        if report.exists():
            data = json.loads(report.read_text())
            if not data.get("runtimeError"):
                return data
    raise SystemExit(f"Lighthouse could not audit {url}")


def scores(report: dict) -> dict[str, int]:
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failed_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    return [
        ref["id"]
        for ref in refs
        if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
    ]


def vnu_errors(urls: list[str], out_dir: Path) -> dict[str, list[str]]:
    """The Nu checker's errors, by URL. Each page is fetched here and checked as a file:
    the checker refuses to fetch from private addresses such as 127.0.0.1."""
    files = {}
    for number, url in enumerate(urls):
        path = (out_dir / f"page-{number}.html").resolve()
        path.write_bytes(get(url))
        files[str(path)] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    found = {url: [] for url in urls}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        reported = message.get("url", "?")
        url = files.get(reported.removeprefix("file:"), reported)
        found.setdefault(url, []).append(message.get("message", ""))
    return found


def main() -> int:
    base = os.environ.get("AUDIT_URL", "").rstrip("/")
    stack = None
    if not base:
        port = os.environ.get("PORT", "8113")
        stack = start_stack(port)
        base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out_dir = Path(tmp)
            for _name, path in PAGES:  # warm the page cache and the renditions
                get(base + path)
            rows, problems = [], []
            errors = vnu_errors([base + path for _name, path in PAGES], out_dir)
            for name, path in PAGES:
                report = lighthouse(base + path, out_dir, name)
                row = scores(report)
                row["vnu"] = len(errors[base + path])
                rows.append((name, path, row))
                for category in JUDGED:
                    missed = failed_audits(report, category)
                    if name == "search" and category == "seo":
                        missed = [audit for audit in missed if audit not in NOINDEX_AUDITS]
                    if missed:
                        problems.append(f"{name} {category}: {', '.join(missed)}")
                problems += [f"{name} vnu: {message}" for message in errors[base + path]]
    finally:
        if stack is not None:
            stack.terminate()
            stack.wait(timeout=60)
    print(f"| page | path | {' | '.join(CATEGORIES)} | vnu errors |")
    print("| --- | --- |" + " ---: |" * (len(CATEGORIES) + 1))
    for name, path, row in rows:
        cells = " | ".join(str(row[c]) for c in [*CATEGORIES, "vnu"])
        print(f"| {name} | `{path}` | {cells} |")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
