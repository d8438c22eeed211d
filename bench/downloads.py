"""The full CSV export of the initiatives and the iCal feed of all meetings, in process (issue 14).

    DATABASE_URL=… python bench/downloads.py [--runs 5] [PATH …]

Django's test client against the bench settings, anonymous and as the bench editor: per path and viewer
the median and best CPU time of this process (`time.process_time`: fair on a shared machine; on SQLite it
includes the database), the wall time, the size and line count of the body, and the query count.
Target: the CSV export of 10,000 initiatives ≤ 1 s.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.benchdata.settings")
# The downloads' own work: the anonymous response cache (klynge.pagecache) would serve the anonymous runs
# from memory (bench/anonymous_cache.py measures that).
os.environ.setdefault("KLYNGE_PAGE_CACHE", "off")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from klynge.benchdata.generator import EDITOR_EMAIL  # noqa: E402

NEWLINE = b"\n"
PATHS = ["/api/v1/exports/initiatives.csv", "/api/v1/meetings.ics"]


def body(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.getvalue()  # the streamed body joined, or the body


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=PATHS)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    editor = Client()
    editor.force_login(get_user_model().objects.get(email=EDITOR_EMAIL))
    print(f"{connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    for path in arguments.paths:
        for name, client in (("anonymous", Client()), ("editor", editor)):
            body(client, path)  # warm
            cpu, wall = [], []
            for _ in range(arguments.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                content = body(client, path)
                cpu.append(time.process_time() - started_cpu)
                wall.append(time.perf_counter() - started)
            with CaptureQueriesContext(connection) as captured:
                body(client, path)
            print(
                f"{path} {name}: CPU median {statistics.median(cpu) * 1000:.0f} ms (best {min(cpu) * 1000:.0f}), "
                f"wall median {statistics.median(wall) * 1000:.0f} ms (best {min(wall) * 1000:.0f}), "
                f"{len(content) / 1e6:.2f} MB, {content.count(NEWLINE):,} lines, {len(captured.captured_queries)} queries",
                flush=True,
            )


if __name__ == "__main__":
    main()
