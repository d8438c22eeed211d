"""The response cache (klynge.pagecache), in process: CPU per request without the cache, on a miss
(rendered, then stored) and on a hit (served from memory), and the queries of each; for the anonymous
reader (the shared cache) or, with `--viewer editor`, the generated secretariat editor (the session's own).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_bench_demo .venv/bin/python bench/anonymous_cache.py
    DATABASE_URL=... .venv/bin/python bench/anonymous_cache.py --viewer editor

The database holds `klynge bench generate` data (any scale). The settings are the bench's
(`klynge.benchdata.settings`: DEBUG off, persistent connections, the production middleware), whose bare
view (`/bench/bare/`) is measured first, as the baseline. For each
page, the median of `--runs` requests through Django's test client of `time.process_time` (CPU of this
process only: fair on a shared machine), after two warm-up requests:

- off: the cache switched off (PAGECACHE_ENABLED=False), the page's own cost;
- miss: the cache on but emptied before each request: the page, the version read and the store;
- hit: the cache on and warm: the version read and the copy from memory.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent / "src"))
os.environ["DJANGO_SETTINGS_MODULE"] = "klynge.benchdata.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = 20


def pages() -> list[str]:
    from klynge.bodies.models import Collaboration, CollaborationKind

    cluster = Collaboration.objects.filter(kind=CollaborationKind.CLUSTER).order_by("pk").first()
    if cluster is None:
        sys.exit("anonymous_cache.py: no benchmark data here; run `klynge bench generate` first.")
    return [
        "/",
        "/moeder/",
        f"/samarbejder/{cluster.slug}/",
        "/indsatser/",
        "/api/v1/meetings",
        "/api/v1/meetings.ics",
    ]


def cpu_ms(request: Callable[[], object], runs: int, before_each: Callable[[], None] = lambda: None) -> float:
    samples = []
    for _ in range(runs):
        before_each()
        started = time.process_time()
        request()
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def queries(request: Callable[[], object], before: Callable[[], None] = lambda: None) -> int:
    before()
    with CaptureQueriesContext(connection) as captured:
        request()
    return len(captured.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--viewer", choices=("anonymous", "editor"), default="anonymous")
    args = parser.parse_args()
    if args.viewer == "editor":
        from django.contrib.auth import get_user_model

        from klynge.benchdata.generator import EDITOR_EMAIL

        client = Client()
        client.force_login(get_user_model().objects.get(email=EDITOR_EMAIL))
        client.get("/")  # the CSRF cookie, as a browser holds it
        cache = caches[settings.PAGECACHE_VIEWER_ALIAS]
    else:
        client = Client()
        cache = caches[settings.PAGECACHE_ALIAS]
    print(
        f"{args.viewer}, {connection.vendor}, load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}, "
        f"median CPU of {args.runs} requests (ms), queries"
    )
    print(f"  {'page':<34} {'off':>8} {'miss':>8} {'hit':>8}   queries off/miss/hit   KB")
    bare = cpu_ms(lambda: client.get("/bench/bare/"), args.runs * 5)
    print(f"  {'/bench/bare/ (the bare view)':<34} {bare:8.2f}")
    for path in pages():

        def get(path: str = path) -> object:
            response = client.get(path)
            assert response.status_code == 200, f"{path}: {response.status_code}"
            return response

        with override_settings(PAGECACHE_ENABLED=False):
            get(), get()
            off = cpu_ms(get, args.runs)
            off_queries = queries(get)
        get(), get()
        miss = cpu_ms(get, args.runs, before_each=cache.clear)
        miss_queries = queries(get, before=cache.clear)
        get()
        hit = cpu_ms(get, args.runs * 5)
        hit_queries = queries(get)
        size = len(client.get(path).content) / 1024
        print(
            f"  {path:<34} {off:8.1f} {miss:8.1f} {hit:8.2f}   {off_queries:>3} / {miss_queries:>3} / {hit_queries:>3}"
            f"          {size:5.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
