"""Load benchmark: Klynge's key pages and endpoints behind gunicorn, as a ratio to a bare Django view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_bench .venv/bin/python bench/load.py --label national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_bench_demo .venv/bin/python bench/load.py --label demo

The database holds `klynge bench generate` data (see bench/README.md). For each page, anonymous and logged
in (a session cookie) as the generated member, secretariat editor and admin (`--viewers` picks), it counts the queries (in this process, with
Django's test client) and then, unless --counts-only, measures req/s, p50 and p99 with `wrk` at 1 and 32
connections against `klynge serve` (gunicorn, 2 workers, klynge.benchdata.settings), beside the bare view
`/bench/bare/` in the same server. A page that does not answer within --probe-timeout is recorded as
such and not loaded. Results are merged into bench/results.json under --label, and bench/RESULTS.md is
written from all labels there.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
sys.path.insert(0, str(REPO_DIR / "src"))
os.environ["DJANGO_SETTINGS_MODULE"] = "klynge.benchdata.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from klynge.benchdata.generator import ADMIN_EMAIL, EDITOR_EMAIL, MEMBER_EMAIL  # noqa: E402

RESULTS_JSON = BENCH_DIR / "results.json"
RESULTS_MD = BENCH_DIR / "RESULTS.md"
DIAGNOSIS_MD = BENCH_DIR / "diagnosis.md"  # appended to RESULTS.md: what the profiles say
EVERY_PAGE_MD = BENCH_DIR / "every_page.md"  # appended to RESULTS.md: bench/every_page.py's runs
BARE = "/bench/bare/"
# The editor twice: as served (a page read again with nothing written since comes from the session's own
# cache), and with that cache off (every request renders the page: what the first read after a write costs).
EDITOR_UNCACHED = "editor, own cache off"
# The four kinds of reader: the public, a member of a body (sees the closed items of their own
# bodies' meetings), the secretariat editor (their party's closed items, the editing forms) and the admin
# (everything).
VIEWERS = ("anonymous", "member", "editor", EDITOR_UNCACHED, "admin")
LOGIN = {"member": MEMBER_EMAIL, "editor": EDITOR_EMAIL, EDITOR_UNCACHED: EDITOR_EMAIL, "admin": ADMIN_EMAIL}
SERVER_ENVIRONMENT = {EDITOR_UNCACHED: {"KLYNGE_PAGE_CACHE_VIEWERS": "off"}}
CONNECTIONS = (1, 32)
SEARCH_QUERY = "forebyggelse"


def pages() -> list[tuple[str, str]]:
    """(name, path) of the key pages and endpoints, found in the generated data."""
    from klynge.bodies.models import Collaboration
    from klynge.meetings.models import Meeting

    cluster = Collaboration.objects.filter(slug__startswith="sundhedsklynge-bench").order_by("slug").first()
    if cluster is None:
        sys.exit("load.py: no benchmark data in this database; run `klynge bench generate` first.")
    big = Meeting.objects.annotate(items=Count("agenda_items")).order_by("-items", "pk").first()
    assert big is not None
    return [
        ("bare Django view", BARE),
        ("front page", "/"),
        ("cluster page", f"/samarbejder/{cluster.slug}/"),
        ("meetings", "/moeder/"),
        (f"a meeting ({big.items} items)", f"/moeder/{big.pk}/"),
        ("initiatives", "/indsatser/"),
        ("follow (public)", "/foelg/"),
        ("search", f"/soeg/?q={SEARCH_QUERY}"),
        ("API meetings", "/api/v1/meetings"),
        ("CSV export of initiatives", "/api/v1/exports/initiatives.csv"),
        ("iCal feed", "/api/v1/meetings.ics"),
        ("structure", "/struktur/"),
    ]


def logged_in_client(email: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def editor_client() -> Client:
    return logged_in_client(EDITOR_EMAIL)


def browser_cookie(client: Client) -> str:
    """The logged-in client's cookies as a browser sends them: the session, and the CSRF secret that the
    pages' forms are signed with (set by the first page with a form)."""
    client.get("/")
    return "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        if name in client.cookies
    )


def count_queries(client: Client, path: str) -> dict[str, Any]:
    """Queries and time of one request, in this process (the second request: caches warm)."""
    try:
        client.get(path)
        # The page's own queries (plus the cache's version read): not served from a cache.
        caches[settings.PAGECACHE_ALIAS].clear()
        caches[settings.PAGECACHE_VIEWER_ALIAS].clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
    except Exception as error:  # a cancelled query is a result to record
        connection.close()
        return {
            "status": None,
            "queries": None,
            "ms": None,
            "error": type(error).__name__ + ": " + str(error)[:200],
        }
    return {
        "status": response.status_code,
        "queries": len(captured.captured_queries),
        "ms": round(elapsed, 1),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    port: int, workers: int, log: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    klynge = Path(sys.executable).with_name("klynge")
    environment = {
        **os.environ,
        **(extra or {}),
        "DJANGO_SETTINGS_MODULE": "klynge.benchdata.settings",
        "PYTHONPATH": str(REPO_DIR / "src"),
        "KLYNGE_LOG_LEVEL": "WARNING",
        "KLYNGE_REQUEST_TIMEOUT": "120",
    }
    command = [
        str(klynge),
        "serve",
        "--settings-module",
        "klynge.benchdata.settings",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, env=environment, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{BARE}", timeout=2).read()
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"load.py: the server did not start; see {log}")


def worker_rss_mb(server: subprocess.Popen[bytes]) -> list[float]:
    """The resident memory of each of the server's workers (Linux /proc), in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if not children.exists():
        return []
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        found = re.search(r"VmRSS:\s+(\d+) kB", status.read_text()) if status.exists() else None
        if found:
            sizes.append(round(int(found.group(1)) / 1024, 1))
    return sizes


def probe(url: str, cookie: str | None, timeout: float) -> tuple[int | None, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status: int | None = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        status = None
    return status, (time.perf_counter() - started) * 1000


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    assert match, text
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def run_wrk(url: str, cookie: str | None, connections: int, duration: int) -> dict[str, Any]:
    command = [
        "wrk",
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--latency",
    ]
    command += ["--timeout", "60s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    for percentile, key in (("50", "p50_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", output, re.MULTILINE)
        result[key] = round(_ms(found.group(1)), 2) if found else None
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["timeouts"] = int(errors.group(4)) if errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    return result


def measure(
    label: str,
    duration: int,
    probe_timeout: float,
    counts_only: bool,
    workers: int,
    viewers: tuple[str, ...] = VIEWERS,
    only: tuple[str, ...] = (),
) -> dict[str, Any]:
    from klynge.meetings.models import AgendaItem, Decision, Meeting
    from klynge.search.models import SearchEntry
    from klynge.work.models import Initiative

    targets = [(name, path) for name, path in pages() if path == BARE or not only or path in only]
    by_email = {
        email: logged_in_client(email) for email in {LOGIN[viewer] for viewer in viewers if viewer in LOGIN}
    }
    clients = {viewer: by_email[LOGIN[viewer]] if viewer in LOGIN else Client() for viewer in viewers}
    cookies = {email: browser_cookie(client) for email, client in by_email.items()}
    cookie_of = {viewer: cookies[LOGIN[viewer]] if viewer in LOGIN else None for viewer in viewers}
    results: dict[str, Any] = {
        "label": label,
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "workers": workers,
        "duration_s": duration,
        "cpus": os.cpu_count(),
        # The code measured: the last commit that changed src/ (not the benchmark's own files).
        "commit": subprocess.run(
            ["git", "-C", str(REPO_DIR), "log", "-1", "--format=%h", "--", "src"],
            capture_output=True,
            text=True,
        ).stdout.strip(),
        "sizes": {
            "meetings": Meeting.objects.count(),
            "agenda items": AgendaItem.objects.count(),
            "decisions": Decision.objects.count(),
            "initiatives": Initiative.objects.count(),
            "search entries": SearchEntry.objects.count(),
        },
        "pages": [],
    }
    for name, path in targets:
        row: dict[str, Any] = {"name": name, "path": path, "viewers": {}}
        for viewer in viewers:
            row["viewers"][viewer] = {"in_process": count_queries(clients[viewer], path)}
            print(f"{label} {viewer:<9} {path:<45} {row['viewers'][viewer]['in_process']}", flush=True)
        results["pages"].append(row)
    if counts_only:
        return results
    if shutil.which("wrk") is None:
        sys.exit("load.py: wrk is not installed (apt-get install wrk), or use --counts-only.")
    # A fresh server for each page and viewer: requests still queued when wrk stops (32 connections on a
    # slow page) would otherwise be served first and slow down the next measurement.
    for row in results["pages"]:
        for viewer in viewers:
            cell = row["viewers"][viewer]
            port = free_port()
            server = start_server(
                port, workers, BENCH_DIR / f"server-{label}.log", SERVER_ENVIRONMENT.get(viewer)
            )
            try:
                url = f"http://127.0.0.1:{port}{row['path']}"
                status, elapsed = probe(url, cookie_of[viewer], probe_timeout)
                cell["probe"] = {"status": status, "ms": round(elapsed, 1)}
                if status != 200:
                    print(
                        f"{label} {viewer:<9} {row['path']:<45} no answer ({status}, {elapsed:.0f} ms)",
                        flush=True,
                    )
                    continue
                probe(url, cookie_of[viewer], probe_timeout)  # both workers warm
                for connections in CONNECTIONS:
                    cell[f"c{connections}"] = run_wrk(url, cookie_of[viewer], connections, duration)
                    print(
                        f"{label} {viewer:<9} {row['path']:<45} c={connections} {cell[f'c{connections}']}",
                        flush=True,
                    )
                cell["worker_rss_mb"] = worker_rss_mb(server)
            finally:
                stop_server(server)
    return results


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Gunicorn's quick shutdown (SIGQUIT): the workers stop at once, queued requests are dropped."""
    server.send_signal(signal.SIGQUIT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _run(run: dict[str, Any], duration: int) -> str:
    """req/s, p50 and p99 cells of one wrk run; a run in which no request completed says so."""
    if not run["requests"]:
        return f"0 | none completed in {duration} s | –"
    return f"{_fmt(run['rps'])} | {_fmt(run['p50_ms'])} ms | {_fmt(run['p99_ms'])} ms"


def render(all_results: dict[str, Any]) -> str:
    lines = ["# Load benchmark results", ""]
    lines.append(
        "Written by `bench/load.py` (see bench/README.md). Generated benchmark data, not real records."
    )
    lines.append("")
    for label, results in all_results.items():
        sizes = ", ".join(f"{v:,} {k}" for k, v in results["sizes"].items())
        lines.append(
            f"## {label} ({results['when']}, {results['database']}, commit {results.get('commit', '?')})"
        )
        lines.append("")
        lines.append(f"Data: {sizes}.")
        measured = any("c1" in v for p in results["pages"] for v in p["viewers"].values())
        if measured:
            lines.append(
                f"Server: `klynge serve`, gunicorn with {results['workers']} workers, {results['duration_s']} s per "
                f"run of `wrk`, on a machine with {results['cpus']} cores shared with other work (numbers are noisy); "
                "× bare: req/s against the faster of the bare view's two runs at 32 connections."
            )
        rss = [
            mb for p in results["pages"] for v in p["viewers"].values() for mb in v.get("worker_rss_mb", [])
        ]
        if rss:
            lines.append(
                f"Worker memory (RSS) after each page's runs (a fresh server per page and viewer): "
                f"{min(rss):,.0f}–{max(rss):,.0f} MB."
            )
        lines.append("")
        # The baseline: the faster of the bare view's two runs (anonymous, with the editor's cookie), so a
        # burst of other work on the machine during one of them does not inflate every ratio.
        bare_runs = results["pages"][0]["viewers"].values()
        bare_rps = {
            c: max((v.get(f"c{c}", {}).get("rps") or 0 for v in bare_runs), default=0) for c in CONNECTIONS
        }
        if measured:
            lines.append(
                "| page | viewer | queries | req/s c=1 | p50 c=1 | p99 c=1 | req/s c=32 | p50 c=32 | p99 c=32 "
                "| × bare c=32 | timeouts |"
            )
            lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
        else:
            lines.append("| page | viewer | status | queries | ms (in process) |")
            lines.append("|---|---|---|---|---|")
        for page in results["pages"]:
            for viewer, cell in page["viewers"].items():
                counted = cell["in_process"]
                queries = str(counted["queries"]) if counted["queries"] is not None else "no answer"
                name = f"{page['name']} `{page['path']}`"
                if not measured:
                    lines.append(
                        f"| {name} | {viewer} | {counted['status']} | {queries} | {_fmt(counted['ms'])} |"
                    )
                    continue
                if "c1" not in cell:
                    probe_ = cell.get("probe", {})
                    lines.append(
                        f"| {name} | {viewer} | {queries} | no answer ({probe_.get('status')}, "
                        f"{_fmt(probe_.get('ms'), 0)} ms) | | | | | | | |"
                    )
                    continue
                one, many = cell["c1"], cell["c32"]
                ratio = many["rps"] / bare_rps[32] if bare_rps[32] else None
                lines.append(
                    f"| {name} | {viewer} | {queries} | {_run(one, results['duration_s'])} "
                    f"| {_run(many, results['duration_s'])} | {_fmt(ratio, 4)} | {one['timeouts'] + many['timeouts']} |"
                )
        lines.append("")
    # Query counts are compared between runs of the same code (the latest run's commit).
    latest = max(all_results.values(), key=lambda r: r["when"]).get("commit")
    labels = [label for label, r in all_results.items() if r.get("commit") == latest]
    if len(labels) > 1:
        lines += ["## Query counts by scale", ""]
        lines.append("| page | viewer | " + " | ".join(labels) + " | the same? |")
        lines.append("|---|---|" + "---|" * len(labels) + "---|")
        first = all_results[labels[0]]["pages"]
        for index, page in enumerate(first):
            for viewer in page["viewers"]:
                counts = []
                for label in labels:
                    pages_ = all_results[label]["pages"]
                    cell = pages_[index]["viewers"].get(viewer) if index < len(pages_) else None
                    counts.append(cell["in_process"]["queries"] if cell is not None else None)
                same = "yes" if len(set(counts)) == 1 and None not in counts else "**no**"
                cells = " | ".join("–" if c is None else str(c) for c in counts)
                lines.append(f"| {page['name']} | {viewer} | {cells} | {same} |")
        lines.append("")
    lines += _soak_lines()
    if EVERY_PAGE_MD.exists():
        lines += [EVERY_PAGE_MD.read_text().rstrip(), ""]
    if DIAGNOSIS_MD.exists():
        lines += [DIAGNOSIS_MD.read_text().rstrip(), ""]
    return "\n".join(lines)


def _soak_lines() -> list[str]:
    """Worker memory over many requests and search latency, from bench/soak.py (bench/soak.json)."""
    soak_json = BENCH_DIR / "soak.json"
    if not soak_json.exists():
        return []
    lines = ["## Worker memory over many requests, and search latency (`bench/soak.py`)", ""]
    for name, result in json.loads(soak_json.read_text()).items():
        if result["kind"] == "rss":
            lines.append(
                f"**{name}** ({result['when']}, {result['database']}): {result['requests']:,} requests "
                f"({result['errors']} failed) in {result['seconds']:,} s, 8 threads, "
                + (
                    f"half round-robin over {len(result['paths'])} pages and endpoints, half to a different "
                    f"one of {result['distinct_paths']:,} meetings each time (the response caches fill and "
                    "go on replacing entries)"
                    if result.get("distinct_paths")
                    else f"round-robin over {len(result['paths'])} pages and endpoints"
                )
                + ", every other one as the editor. Worker RSS in MB:"
            )
            lines.append("")
            lines.append(
                "| requests | "
                + " | ".join(f"worker {i + 1}" for i in range(len(result["samples"][0]["rss_mb"])))
                + " |"
            )
            lines.append("|---|" + "---|" * len(result["samples"][0]["rss_mb"]))
            for sample in result["samples"]:
                lines.append(
                    f"| {sample['requests']:,} | "
                    + " | ".join(f"{mb:,.1f}" for mb in sample["rss_mb"])
                    + " |"
                )
            lines.append("")
            lines.append(
                "Growth from the first 1,000 requests to the end: "
                + ", ".join(f"{mb:+.1f} MB" for mb in result["growth_after_first_thousand_mb"])
                + "."
            )
        else:
            cells = "; ".join(
                f"{viewer}: p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms"
                + (f" (CPU p50 {v['cpu_p50_ms']} ms, p95 {v['cpu_p95_ms']} ms" if "cpu_p50_ms" in v else "")
                + (
                    f"; PostgreSQL's CPU {v['server_cpu_mean_ms']} ms a search"
                    if "server_cpu_mean_ms" in v
                    else ""
                )
                + (")" if "cpu_p50_ms" in v else "")
                for viewer, v in result["viewers"].items()
            )
            load = result.get("load_average")
            lines.append(
                f"**{name}** ({result['when']}, {result['database']}, in process, {result['runs']} searches over "
                f"{len(result['queries'])} queries"
                + (f", load average {load[0]:.1f}" if load else "")
                + f"): {cells}."
            )
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--label", required=True, help="the name of this run in results.json (demo, national)"
    )
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument(
        "--probe-timeout", type=float, default=30.0, help="seconds a page may take before it is skipped"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--counts-only", action="store_true", help="only count queries; no server, no wrk")
    parser.add_argument("--render-only", action="store_true", help="only write RESULTS.md from results.json")
    parser.add_argument(
        "--viewers",
        type=lambda value: tuple(part.strip() for part in value.split(",")),
        default=VIEWERS,
        help=f"comma-separated, of: {', '.join(VIEWERS)} (default: all)",
    )
    parser.add_argument(
        "--only", action="append", default=[], help="a page's path (repeatable); default: every key page"
    )
    arguments = parser.parse_args()
    unknown = set(arguments.viewers) - set(VIEWERS)
    if unknown:
        parser.error(f"unknown viewers: {', '.join(sorted(unknown))}")
    if arguments.render_only:
        RESULTS_MD.write_text(render(json.loads(RESULTS_JSON.read_text())))
        return
    results = measure(
        arguments.label,
        arguments.duration,
        arguments.probe_timeout,
        arguments.counts_only,
        arguments.workers,
        arguments.viewers,
        tuple(arguments.only),
    )
    all_results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    all_results[arguments.label] = results
    RESULTS_JSON.write_text(json.dumps(all_results, indent=2, ensure_ascii=False) + "\n")
    RESULTS_MD.write_text(render(all_results))
    print(f"Wrote {RESULTS_MD} and {RESULTS_JSON}.")


if __name__ == "__main__":
    main()
