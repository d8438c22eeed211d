"""Two targets of issue 14 that `load.py` does not measure: worker memory over many requests, and search
latency on either database.

    python bench/soak.py rss --label national [--requests 10000] [--threads 8]
        Serves the app as load.py does (`klynge serve`, gunicorn, 2 workers, the database of
        DATABASE_URL) and sends N requests, half round-robin over list pages, the API, search and a
        meeting, half to a different meeting each time (so the response caches fill up to their bound
        and go on replacing entries), anonymously and as the editor (with the session and CSRF cookies
        a browser holds), recording each worker's resident memory (RSS) before, every 1,000 requests and
        after. Flat means: once the caches are full, no growth to the last.

    python bench/soak.py search --label national-sqlite [--runs 200]
        Times the search (the selector behind /soeg/ and /api/v1/search, in this process) for a set of
        queries, anonymously and as the generated member, editor and admin, and reports p50 and p95.

Both merge their result into bench/soak.json under the label; load.py appends them to RESULTS.md.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "src"))
sys.path.insert(0, str(BENCH_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.benchdata.settings")

import django  # noqa: E402

django.setup()

import load  # noqa: E402
from django.db import connection  # noqa: E402

SOAK_JSON = BENCH_DIR / "soak.json"
SEARCHES = ["forebyggelse", "psykiatri", "genoptræning", "demens", "børn og unge", "udskrivning", "sundhed"]


def soak_paths() -> list[str]:
    from klynge.meetings.models import Meeting

    meeting = Meeting.objects.order_by("-date", "-pk").values_list("pk", flat=True).first()
    return [
        "/api/v1/meetings",
        "/moeder/",
        "/moeder/?side=3",
        "/soeg/?q=forebyggelse",
        "/soeg/?q=psykiatri",
        "/indsatser/",
        "/indsatser/?side=2",
        "/api/v1/initiatives?offset=500",
        "/api/v1/decisions",
        f"/moeder/{meeting}/",
        "/personer/",
        "/struktur/",
    ]


def distinct_paths(count: int = 4000) -> list[str]:
    """Many different meeting pages: more than both response caches hold together."""
    from klynge.meetings.models import Meeting

    return [f"/moeder/{pk}/" for pk in Meeting.objects.order_by("pk").values_list("pk", flat=True)[:count]]


def rss(label: str, requests: int, threads: int, workers: int) -> dict[str, Any]:
    editor = load.editor_client()
    cookie = load.browser_cookie(editor)
    paths = soak_paths()
    distinct = distinct_paths()
    port = load.free_port()
    server = load.start_server(port, workers, BENCH_DIR / f"server-soak-{label}.log")
    samples: list[dict[str, Any]] = []
    done = 0
    errors = 0
    lock = threading.Lock()
    started = time.perf_counter()

    def sample() -> None:
        samples.append({"requests": done, "rss_mb": load.worker_rss_mb(server)})

    def worker(offset: int) -> None:
        nonlocal done, errors
        n = offset
        while True:
            with lock:
                if done >= requests:
                    return
                done += 1
                if done % 1000 == 0:
                    sample()
            path = paths[n % len(paths)] if n % 4 < 2 else distinct[(n // 4) % len(distinct)]
            headers = {"Cookie": cookie} if n % 2 else {}
            n += threads
            try:
                with urllib.request.urlopen(
                    urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers), timeout=120
                ) as response:
                    response.read()
            except Exception:
                with lock:
                    errors += 1

    try:
        for path in paths:  # warm both workers
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120).read()
        sample()
        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        sample()
    finally:
        load.stop_server(server)
    first, last = samples[1] if len(samples) > 1 else samples[0], samples[-1]
    return {
        "kind": "rss",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "requests": requests,
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 1),
        "paths": paths,
        "distinct_paths": len(distinct),
        "samples": samples,
        "growth_after_first_thousand_mb": [
            round(b - a, 1) for a, b in zip(first["rss_mb"], last["rss_mb"], strict=False)
        ],
    }


def _server_cpu_seconds() -> float | None:
    """The CPU time (user + system) of this connection's PostgreSQL backend so far, if it runs here."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def search(label: str, runs: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from klynge.benchdata.generator import ADMIN_EMAIL, EDITOR_EMAIL, MEMBER_EMAIL
    from klynge.search.selectors import search as run_search

    accounts = get_user_model().objects
    viewers = {
        "anonymous": AnonymousUser(),
        "member": accounts.get(email=MEMBER_EMAIL),
        "editor": accounts.get(email=EDITOR_EMAIL),
        "admin": accounts.get(email=ADMIN_EMAIL),
    }
    out: dict[str, Any] = {
        "kind": "search",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "load_average": os.getloadavg(),
        "runs": runs,
        "queries": SEARCHES,
        "viewers": {},
    }
    for name, user in viewers.items():
        for query in SEARCHES:  # warm
            run_search(user=user, query=query, kinds=[], limit=20, offset=0)
        times, cpu = [], []
        server_before = _server_cpu_seconds()
        for n in range(runs):
            query = SEARCHES[n % len(SEARCHES)]
            started, started_cpu = time.perf_counter(), time.process_time()
            run_search(user=user, query=query, kinds=[], limit=20, offset=0)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        times.sort()
        cpu.sort()
        out["viewers"][name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "max_ms": round(times[-1], 1),
            # This process's CPU time: on SQLite the whole search (the database runs in the process), on
            # PostgreSQL only Python's part. Fair on a shared machine, where wall time waits for the cores.
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 1),
        }
        server_after = _server_cpu_seconds()
        if server_before is not None and server_after is not None:
            # PostgreSQL's own CPU time for the searches (its backend process, on this machine), per search:
            # the 1/100 s ticks of /proc make single searches too coarse to time, so the mean of all.
            out["viewers"][name]["server_cpu_mean_ms"] = round(
                (server_after - server_before) * 1000 / runs, 1
            )
        print(label, name, out["viewers"][name], flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["rss", "search"])
    parser.add_argument("--label", required=True)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=200)
    arguments = parser.parse_args()
    if arguments.what == "rss":
        result = rss(arguments.label, arguments.requests, arguments.threads, arguments.workers)
    else:
        result = search(arguments.label, arguments.runs)
    everything = json.loads(SOAK_JSON.read_text()) if SOAK_JSON.exists() else {}
    everything[f"{arguments.what} {arguments.label}"] = result
    SOAK_JSON.write_text(json.dumps(everything, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False)[:2000])


if __name__ == "__main__":
    main()
