"""The meeting page with 200 agenda items, in process: CPU and wall time per request, and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klynge_meeting_bench .venv/bin/python bench/meeting_page.py
    ... bench/meeting_page.py --profile editor     (a cProfile of 20 requests, top functions)

The database holds `klynge bench generate` data (any scale; the big meeting has 200 items). Its big
meeting is first given what the generator leaves out, once (marked, so a second run does not redo it):
case texts (sagsfremstilling, indstilling, beslutning) on every item and attachments on every fifth
(about one in five items is closed). Then the page `/moeder/<id>/` is requested 20 times as the anonymous
viewer and 20 times as the generated secretariat editor (after two warm-up requests each), and the median
CPU time of the process (`time.process_time`: not inflated by other processes on a shared machine),
median wall time and the query count are printed.
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
os.environ["DJANGO_SETTINGS_MODULE"] = "klynge.benchdata.settings"
# The page's own work: the anonymous response cache (klynge.pagecache) would serve the anonymous runs from
# memory (bench/anonymous_cache.py measures that).
os.environ.setdefault("KLYNGE_PAGE_CACHE", "off")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from klynge.benchdata.generator import EDITOR_EMAIL  # noqa: E402

RUNS = 20
MARK = "Sagsfremstilling (benchmark af mødesiden)."
CASE_TEXT = (
    MARK + "\n\n"
    "Administrationen har gennemgået sagen og vurderer, at den kan behandles på dette møde. "
    "Der er tale om et samarbejde mellem regionen og kommunerne i klyngen.\n\n"
    "Økonomien afholdes inden for de eksisterende rammer; der er ingen afledte udgifter for parterne.\n"
    "Sagen har været drøftet i den administrative styregruppe."
)
RECOMMENDATION = "Det indstilles,\n\nat udvalget godkender oplægget,\nat sekretariatet følger op."
DECISION_TEXT = "Godkendt som indstillet.\n\nUdvalget bad om en status på næste møde."


def big_meeting_id() -> int:
    from klynge.meetings.models import Meeting

    big = Meeting.objects.annotate(items=Count("agenda_items")).order_by("-items", "pk").first()
    if big is None:
        sys.exit("meeting_page.py: no benchmark data here; run `klynge bench generate` first.")
    return big.pk


@transaction.atomic
def enrich(meeting_id: int) -> None:
    """Case texts on every item, attachments on every fifth: what a real 200-item meeting carries."""
    from klynge.attachments.models import Attachment
    from klynge.meetings.models import AgendaItem

    items = list(AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position"))
    if items and items[0].case_description.startswith(MARK):
        return
    for item in items:
        item.case_description = CASE_TEXT
        item.recommendation = RECOMMENDATION
        item.decision_text = DECISION_TEXT
    AgendaItem.objects.bulk_update(items, ["case_description", "recommendation", "decision_text"])
    Attachment.objects.bulk_create(
        Attachment(
            meeting_id=meeting_id,
            agenda_item=item,
            file=f"bench/bilag-{item.pk}-{n}.pdf",
            original_name=f"bilag-{n}.pdf",
            content_type="application/pdf",
            size=120_000 + n,
            sha256="0" * 64,
            position=n,
            title=f"Bilag {n} til punkt {item.position}",
            is_public=item.is_public,
        )
        for item in items[::5]
        for n in (1, 2)
    )


def measure(client: Client, path: str, runs: int = RUNS) -> dict[str, float]:
    for _ in range(2):
        assert client.get(path).status_code == 200
    cpu, wall = [], []
    for _ in range(runs):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        response = client.get(path)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return {
        "cpu_ms": statistics.median(cpu),
        "wall_ms": statistics.median(wall),
        "queries": len(captured.captured_queries),
        "kb": len(response.content) / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profile", choices=["anonymous", "editor"], help="print a cProfile instead")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()

    meeting_id = big_meeting_id()
    enrich(meeting_id)
    path = f"/moeder/{meeting_id}/"
    editor = Client()
    editor.force_login(get_user_model().objects.get(email=EDITOR_EMAIL))
    clients = {"anonymous": Client(), "editor": editor}
    if args.profile:
        client = clients[args.profile]
        client.get(path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            client.get(path)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
        return 0
    print(f"{path} ({connection.vendor}, load average {os.getloadavg()[0]:.1f}), median of {args.runs}:")
    for viewer, client in clients.items():
        r = measure(client, path, args.runs)
        print(
            f"  {viewer:<9} CPU {r['cpu_ms']:6.1f} ms  wall {r['wall_ms']:6.1f} ms  "
            f"{r['queries']:.0f} queries  {r['kb']:.0f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
