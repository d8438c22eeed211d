"""The key pages' own work in process, as the secretariat editor and as the anonymous reader (the
anonymous response cache off): median CPU per request, PostgreSQL's CPU per request and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_bench .venv/bin/python bench/editor_pages.py
    ... bench/editor_pages.py --only / --only /struktur/        (some pages only)
    ... bench/editor_pages.py --profile /tmp/front.prof --only /  (a cProfile of the editor's requests)

The database holds `klynge bench generate` data (any scale). The settings are the bench's
(`klynge.benchdata.settings`: DEBUG off, persistent connections, the production middleware) with the
page cache off (KLYNGE_PAGE_CACHE=off), so the anonymous column is what a miss costs. For each page and
viewer, two warm-up requests, then `--runs` requests through Django's test client: the median of
`time.process_time` (this process's CPU only: fair on a shared machine); on PostgreSQL running here, the
mean CPU time of the connection's server process per request (from /proc); and the queries of one request.
With `--profile PATH` the editor's requests of the chosen pages are profiled with cProfile instead, the
profile written to PATH (for `python -m pstats PATH` or snakeviz) and its top functions printed.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "src"))
sys.path.insert(0, str(BENCH_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "klynge.benchdata.settings"
os.environ["KLYNGE_PAGE_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from soak import _server_cpu_seconds as server_cpu_seconds  # noqa: E402  (the server process's CPU time)

from klynge.benchdata.generator import EDITOR_EMAIL  # noqa: E402

RUNS = 20


def pages() -> list[str]:
    from klynge.bodies.models import Collaboration, CollaborationKind

    cluster = Collaboration.objects.filter(kind=CollaborationKind.CLUSTER).order_by("pk").first()
    if cluster is None:
        sys.exit("editor_pages.py: no benchmark data here; run `klynge bench generate` first.")
    return [
        "/",
        f"/samarbejder/{cluster.slug}/",
        "/api/v1/meetings.ics",
        "/struktur/",
        "/foelg/",
        "/soeg/?q=forebyggelse",
        "/indsatser/",
        "/moeder/",
        "/api/v1/meetings",
    ]


def get(client: Client, path: str) -> None:
    response = client.get(path)
    response.getvalue()  # a streamed body is written as it is read: its work counts too
    assert response.status_code == 200, f"{path}: {response.status_code}"


def measure(client: Client, path: str, runs: int) -> tuple[float, float | None, int]:
    get(client, path), get(client, path)
    server_before = server_cpu_seconds()
    samples = []
    for _ in range(runs):
        started = time.process_time()
        get(client, path)
        samples.append((time.process_time() - started) * 1000)
    server_after = server_cpu_seconds()
    server_ms = None
    if server_before is not None and server_after is not None:
        server_ms = (server_after - server_before) * 1000 / runs
    with CaptureQueriesContext(connection) as captured:
        get(client, path)
    return statistics.median(samples), server_ms, len(captured.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--only", action="append", help="a page's path (repeatable); default: all")
    parser.add_argument("--profile", metavar="PATH", help="write a cProfile of the editor's requests")
    args = parser.parse_args()
    paths = args.only or pages()
    editor = Client()
    editor.force_login(get_user_model().objects.get(email=EDITOR_EMAIL))
    if args.profile:
        for path in paths:
            get(editor, path)
        profile = cProfile.Profile(time.process_time)  # CPU time, as measured
        profile.enable()
        for _ in range(args.runs):
            for path in paths:
                get(editor, path)
        profile.disable()
        profile.dump_stats(args.profile)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return 0
    viewers = {"editor": editor, "anonymous": Client()}
    print(
        f"{connection.vendor}, load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}, "
        f"median CPU of {args.runs} requests (ms); server: PostgreSQL's CPU per request (ms)"
    )
    print(f"  {'page':<44} {'viewer':<9} {'CPU':>7} {'server':>7} {'queries':>8}")
    for path in paths:
        for viewer, client in viewers.items():
            cpu, server, queries = measure(client, path, args.runs)
            server_text = "-" if server is None else f"{server:.1f}"
            print(f"  {path:<44} {viewer:<9} {cpu:7.1f} {server_text:>7} {queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
