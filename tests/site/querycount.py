"""Query counting for pages: a page must make the same number of queries however much data there is."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.bodies.services import membership_create, substitution_create
from klynge.meetings.models import AgendaItemKind, DecisionKind, FigureMetric, MeetingStatus
from klynge.meetings.services import (
    decision_create,
    meeting_create,
    reported_figure_create,
)
from klynge.organisation.services import person_create
from klynge.work.models import FollowUpResearchStatus
from klynge.work.services import (
    allocation_create,
    follow_up_research_create,
    initiative_approve,
    initiative_create,
    initiative_set_progress,
    trial_action_create,
)
from tests.factories import ClusterWorld, build_cluster, linked_agenda_item

# A request's one query of the response cache's own: the read of its data version.
CACHE_VERSION_READ = 1


def forget_cached_pages() -> None:
    """Empty the response caches (klynge.pagecache), so that the next request is counted as the page's own
    work: its queries plus the one read of the cache's data version."""
    caches[settings.PAGECACHE_ALIAS].clear()
    caches[settings.PAGECACHE_VIEWER_ALIAS].clear()


def queries_for(client: Client, url: str) -> int:
    client.get(url)  # warm up, so one-off lookups do not count
    forget_cached_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def grow_other_clusters(count: int = 10) -> None:
    for i in range(count):
        build_cluster(f"X{i}")


def enrich_world(world: ClusterWorld) -> None:
    """More of everything on the world's own pages: members, meetings, items, decisions, initiatives."""
    member = person_create(name="Næstformand Test", party=world.municipality, source=world.source)
    deputy = person_create(name="Anden stedfortræder Test", party=world.municipality)
    membership = membership_create(
        person=member, body=world.political, party=world.municipality, start=datetime.date(2023, 1, 1)
    )
    substitution_create(
        principal=membership,
        substitute=deputy,
        start=datetime.date(2023, 1, 1),
        topics=[world.prevention_topic],
    )
    meeting = meeting_create(body=world.political, date=datetime.date(2024, 3, 5), status=MeetingStatus.HELD)
    for target in (meeting, world.meeting):
        for n in range(3):
            item = linked_agenda_item(
                meeting=target,
                title=f"Punkt {n}",
                kind=AgendaItemKind.DECISION,
                topics=[world.prevention_topic],
                focus_areas=[world.focus_area],
                initiatives=[world.initiative],
                source=world.source,
            )
            decision = decision_create(
                agenda_item=item,
                kind=DecisionKind.JOINT,
                text=f"Beslutning {n}",
                topic=world.prevention_topic,
            )
            reported_figure_create(agenda_item=item, metric=FigureMetric.GPS_NEEDED, value=17, year=2027)
    for n, progress in enumerate((40, 61)):
        child = initiative_create(
            name=f"Delindsats {n} Test",
            collaboration=world.cluster,
            focus_area=world.focus_area,
            parent=world.initiative,
        )
        child = initiative_approve(initiative=child, decision=decision)
        initiative_set_progress(initiative=child, progress=progress)
        allocation_create(
            fund=world.fund, decision=decision, amount=Decimal(100_000), initiative=child, source=world.source
        )
        trial_action_create(
            focus_area=world.focus_area, position=10 + n, named_in_source=False, initiative=world.initiative
        )
        follow_up_research_create(
            title=f"Følgeforskning {n}",
            status=FollowUpResearchStatus.PLANNED,
            focus_area=world.focus_area,
            initiative=world.initiative,
        )


def assert_fixed_queries(
    client: Client, bounds: dict[str, int], *, world: ClusterWorld | None = None
) -> None:
    """Count each page's queries, add ten clusters (and, given the world, more on its own pages), count
    again: the counts must be equal and within the bounds (each a page's own queries: for an anonymous
    client, the anonymous response cache's read of its data version comes on top)."""
    before = {url: queries_for(client, url) for url in bounds}
    grow_other_clusters()
    if world is not None:
        enrich_world(world)
    after = {url: queries_for(client, url) for url in bounds}
    assert after == before
    # The bounds are the pages' own queries; an anonymous request also reads the cache's data version.
    own = 0 if settings.SESSION_COOKIE_NAME in client.cookies else CACHE_VERSION_READ
    over = {url: count for url, count in before.items() if count > bounds[url] + own}
    assert not over, f"more queries than allowed: {over}"
