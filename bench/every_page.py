"""Every page and every API list, as each kind of reader, at the scale of the database at hand: in process,
with the response caches off, so each number is what a first read costs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_bench .venv/bin/python bench/every_page.py --label national

The pages are those of tests/every_page.py (every page of the app outside the admin and the API, the list
the browser test of every form walks, so a new page is in it); the API lists are the OpenAPI description's
GET paths without a parameter in the path. Each is asked for anonymously and as the generated member,
secretariat editor and admin (`klynge bench generate`): one warm-up request, then `--runs` requests; the
median of this process's CPU time (on SQLite the database's work too; on PostgreSQL Python's part alone),
the median wall time, the status and the query count. A page whose record the data lacks (the bench data
has no draft memo, for one) is listed as such. A status of 500 or more, or a page over `--limit` ms of
wall time for any reader (an export of the whole dataset under /api/v1/exports/: `--file-limit`), makes
the run fail (exit 1).

The result is merged into bench/every_page.json under --label and written out as bench/every_page.md,
which load.py appends to RESULTS.md.
"""

import argparse
import datetime
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
sys.path.insert(0, str(REPO_DIR / "src"))
sys.path.insert(0, str(REPO_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "klynge.benchdata.settings"
os.environ["KLYNGE_PAGE_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from klynge.benchdata.generator import ADMIN_EMAIL, EDITOR_EMAIL, MEMBER_EMAIL  # noqa: E402

RESULTS_JSON = BENCH_DIR / "every_page.json"
RESULTS_MD = BENCH_DIR / "every_page.md"  # appended to RESULTS.md by load.py
FILES = "/api/v1/exports/"  # whole-dataset downloads: judged by --file-limit, not --limit
FILE_LIMIT_MS = 2000.0
VIEWERS = {"anonymous": None, "member": MEMBER_EMAIL, "editor": EDITOR_EMAIL, "admin": ADMIN_EMAIL}


def addresses() -> list[tuple[str, str | None]]:
    """(name, path) of every page and API list; path None where the data has no record to show."""
    from tests.every_page import PAGES

    from klynge.api.main import api

    found: list[tuple[str, str | None]] = []
    for name, build in sorted(PAGES.items()):
        try:
            found.append((name, build()))
        except AttributeError:  # the lookup found no record
            found.append((name, None))
    schema = api.get_openapi_schema()
    prefix = "/api/v1"
    for path, operations in sorted(schema["paths"].items()):
        if "get" in operations and "{" not in path:
            full = path if path.startswith(prefix) else prefix + path
            found.append((f"api {full.removeprefix(prefix)}", full))
    return found


def client_of(email: str | None) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    if email is not None:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def measure(client: Client, path: str, runs: int) -> dict[str, Any]:
    client.get(path)  # warm: templates compiled, the connection's statements prepared
    cpu, wall = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        response.getvalue()  # a streamed body is written as it is read: its work counts too
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path).getvalue()
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "cpu_ms": round(statistics.median(cpu), 1),
        "wall_ms": round(statistics.median(wall), 1),
    }


def _limit(path: str, limit: float, file_limit: float) -> float:
    return file_limit if path.startswith(FILES) else limit


def render(all_results: dict[str, Any]) -> list[str]:
    """RESULTS.md's section: per run, the pages that cost most, and any that failed."""
    lines: list[str] = []
    for label, result in all_results.items():
        rows = [
            (page["name"], page["path"], viewer, cell)
            for page in result["pages"]
            if page["path"] is not None
            for viewer, cell in page["viewers"].items()
        ]
        missing = [page["name"] for page in result["pages"] if page["path"] is None]
        failed = [row for row in rows if row[3]["status"] >= 500]
        file_limit = result.get("file_limit_ms", FILE_LIMIT_MS)
        over = [row for row in rows if row[3]["wall_ms"] > _limit(row[1], result["limit_ms"], file_limit)]
        lines += [
            f"## Every page, in process: {label} ({result['when']}, {result['database']}, "
            f"commit {result['commit']}, load average {result['load_average'][0]:.1f})",
            "",
            f"{len({r[0] for r in rows})} pages and API lists × {len(result['viewers'])} readers "
            f"({', '.join(result['viewers'])}), the response caches off, median of {result['runs']} requests "
            f"after one to warm up. {len(failed)} answered 500 or more; {len(over)} took over "
            f"{result['limit_ms']:,.0f} ms of wall time ({file_limit:,.0f} ms for the exports under {FILES}, "
            "whole-dataset files)." + (f" Not in this data: {', '.join(missing)}." if missing else ""),
            "",
            "The 20 costliest (CPU of this process; on PostgreSQL the database's work is in the wall time):",
            "",
            "| page | reader | status | queries | CPU ms | wall ms |",
            "|---|---|---|---|---|---|",
        ]
        for name, path, viewer, cell in sorted(rows, key=lambda row: -row[3]["wall_ms"])[:20]:
            lines.append(
                f"| {name} `{path}` | {viewer} | {cell['status']} | {cell['queries']} | {cell['cpu_ms']:,.1f} "
                f"| {cell['wall_ms']:,.1f} |"
            )
        statuses: dict[str, dict[int, int]] = {}
        for _, _, viewer, cell in rows:
            statuses.setdefault(viewer, {}).setdefault(cell["status"], 0)
            statuses[viewer][cell["status"]] += 1
        lines += [
            "",
            "Answers by reader (a reader who may not open a page is sent to the login, 302, or refused, 403): "
            + "; ".join(
                f"{viewer} " + ", ".join(f"{count} × {status}" for status, count in sorted(counts.items()))
                for viewer, counts in statuses.items()
            )
            + ".",
            "",
        ]
    return lines


def main() -> int:
    # A reader refused a page (403) is a result to record, not a warning with a traceback to print.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--label", required=True, help="the name of this run in every_page.json")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=250.0, help="wall ms a page may take (default 250)")
    parser.add_argument(
        "--file-limit", type=float, default=FILE_LIMIT_MS, help=f"wall ms an export under {FILES} may take"
    )
    parser.add_argument("--render-only", action="store_true", help="only write every_page.md from the JSON")
    arguments = parser.parse_args()
    if arguments.render_only:
        RESULTS_MD.write_text("\n".join(render(json.loads(RESULTS_JSON.read_text()))) + "\n")
        return 0

    clients = {viewer: client_of(email) for viewer, email in VIEWERS.items()}
    result: dict[str, Any] = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "commit": subprocess.run(
            ["git", "-C", str(REPO_DIR), "log", "-1", "--format=%h", "--", "src"],
            capture_output=True,
            text=True,
        ).stdout.strip(),
        "load_average": os.getloadavg(),
        "runs": arguments.runs,
        "limit_ms": arguments.limit,
        "file_limit_ms": arguments.file_limit,
        "viewers": list(VIEWERS),
        "pages": [],
    }
    problems = []
    for name, path in addresses():
        page: dict[str, Any] = {"name": name, "path": path, "viewers": {}}
        result["pages"].append(page)
        if path is None:
            print(f"{name:<45} not in this data", flush=True)
            continue
        for viewer, client in clients.items():
            cell = page["viewers"][viewer] = measure(client, path, arguments.runs)
            print(f"{name:<45} {viewer:<9} {cell}", flush=True)
            if cell["status"] >= 500 or cell["wall_ms"] > _limit(path, arguments.limit, arguments.file_limit):
                problems.append(f"{path} as {viewer}: {cell}")
    all_results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    all_results[arguments.label] = result
    RESULTS_JSON.write_text(json.dumps(all_results, indent=2, ensure_ascii=False) + "\n")
    RESULTS_MD.write_text("\n".join(render(all_results)) + "\n")
    print("\n".join(render({arguments.label: result})))
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
