"""Page benchmark: time and queries per page as the data grows (1, 10 and 50 clusters).

Run: .venv/bin/python bench/pages.py  (uses an in-memory SQLite database; set KLYNGE_TEST_DATABASE_URL
for PostgreSQL). Target: every page under 150 ms median at 50 clusters, with the same query count as at 1.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

TARGET_MS = 150
SIZES = (1, 10, 50)


def measure(client: Client, url: str, runs: int = 15) -> tuple[float, int]:
    client.get(url)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries.captured_queries)


def main() -> int:
    from django.conf import settings
    from django.test.utils import get_runner
    from tests.factories import build_cluster

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    old_config = runner.setup_databases()
    try:
        built = 0
        results: dict[str, list[tuple[int, float, int]]] = {}
        first = None
        for size in SIZES:
            while built < size:
                world = build_cluster(f"B{built}")
                first = first or world
                built += 1
            assert first is not None
            urls = [
                "/",
                "/struktur/",
                f"/samarbejder/{first.cluster.slug}/",
                f"/moeder/{first.meeting.pk}/",
                "/moeder/",
                f"/indsatser/{first.initiative.slug}/",
                f"/fokusomraader/{first.focus_area.slug}/",
            ]
            client = Client()
            for url in urls:
                median, count = measure(client, url)
                results.setdefault(url, []).append((size, median, count))
        failed = False
        for url, rows in results.items():
            counts = {count for _, _, count in rows}
            slowest = max(median for _, median, _ in rows)
            ok = len(counts) == 1 and slowest <= TARGET_MS
            failed |= not ok
            cells = "  ".join(
                f"{size:>3} klynger: {median:6.1f} ms {count:>2} q" for size, median, count in rows
            )
            print(f"{'ok ' if ok else 'FAIL'} {url:<45} {cells}")
        return 1 if failed else 0
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    sys.exit(main())
