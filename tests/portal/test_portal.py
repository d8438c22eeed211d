"""The portal: strictly public whoever asks, filters, progress rolled up, funds, next meeting, queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klynge.meetings.models import AgendaItemKind, DatePrecision, DecisionKind, MeetingStatus
from klynge.meetings.services import decision_create, meeting_create
from klynge.portal.selectors import portal_collaboration, portal_overview
from klynge.work.models import InitiativeStatus
from klynge.work.services import (
    allocation_create,
    fund_create,
    initiative_approve,
    initiative_create,
    initiative_set_progress,
)
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, linked_agenda_item
from tests.site.querycount import assert_fixed_queries

CLOSED_TITLE = "Fortroligt punkt om tandpleje"
CLOSED_DECISION = "Fortrolig bevilling til tandpleje"


def url(world: ClusterWorld, query: str = "") -> str:
    return f"/foelg/{world.cluster.slug}/{query}"


def with_closed_allocation(world: ClusterWorld) -> None:
    """A decision on a closed item that allocates 123.456 kr. and approves an initiative."""
    item = linked_agenda_item(
        meeting=world.meeting,
        title=CLOSED_TITLE,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.prevention_topic],
        initiatives=[world.initiative],
    )
    decision = decision_create(
        agenda_item=item, kind=DecisionKind.JOINT, text=CLOSED_DECISION, topic=world.prevention_topic
    )
    allocation_create(
        fund=world.fund, decision=decision, amount=Decimal(123_456), initiative=world.initiative
    )
    secret = initiative_create(name="Indsats godkendt på lukket punkt", collaboration=world.cluster)
    initiative_approve(initiative=secret, decision=decision)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "admin", "editor", "member"])
def test_closed_items_their_decisions_and_allocations_never_appear(world: ClusterWorld, who: str) -> None:
    with_closed_allocation(world)
    client = {
        "anonymous": Client,
        "admin": administrator,
        "editor": lambda: editor_of(world.municipality),
        "member": lambda: member_as(world.mayor),
    }[who]()
    for page in ("/foelg/", url(world)):
        html = client.get(page).content.decode()
        assert CLOSED_TITLE not in html and CLOSED_DECISION not in html, page
        assert "123.456" not in html, page
        assert "2.123.456" not in html and "2,1 mio. kr." not in html, page
    html = client.get(url(world)).content.decode()
    # Allocated and remaining count only the public allocation: 2 mio. kr. of 3 mio. kr.
    assert "Ramme 3 mio. kr., bevilget 2 mio. kr., rest 1 mio. kr." in html
    # The initiative itself is a public record; the closed decision that approved it is not shown.
    assert "Indsats godkendt på lukket punkt" in html
    summary = portal_collaboration(slug=world.cluster.slug, day=timezone.localdate())
    assert summary is not None
    assert summary.decision_count == 1
    assert summary.funds.allocated == Decimal(2_000_000)
    assert summary.funds.remaining == Decimal(1_000_000)


@pytest.mark.django_db
def test_filter_by_status(world: ClusterWorld) -> None:
    initiative_create(
        name="Foreslået indsats om sund kost", collaboration=world.cluster, focus_area=world.focus_area
    )
    html = Client().get(url(world, "?status=proposed")).content.decode()
    assert "Foreslået indsats om sund kost" in html and "Indsats Test" not in html
    assert "med status »foreslået«" in html
    html = Client().get(url(world, "?status=approved")).content.decode()
    assert "Indsats Test" in html and "Foreslået indsats om sund kost" not in html
    html = Client().get(url(world)).content.decode()
    assert "Indsats Test" in html and "Foreslået indsats om sund kost" in html
    assert "Godkendt (1)" in html and "Foreslået (1)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?status=bogus",
        "?emne=findes-ikke",
        "?status=%3Cscript%3E&emne=x",
        "?emne=" + "a" * 5000,
        "?status=approved&status=%00",
    ],
)
def test_bad_filter_values_give_a_danish_400(world: ClusterWorld, query: str) -> None:
    response = Client().get(url(world, query))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filteret kunne ikke bruges" in html and "Nulstil filteret" in html
    assert "Indsats Test" in html  # the page still shows every initiative


@pytest.mark.django_db
def test_unknown_collaboration_and_other_methods(world: ClusterWorld) -> None:
    assert Client().get("/foelg/findes-ikke/").status_code == 404
    assert Client().get("/foelg/" + "x" * 300 + "/").status_code == 404
    assert Client().post("/foelg/").status_code == 405
    assert Client().post(url(world), {"status": "approved"}).status_code == 405


@pytest.mark.django_db
def test_progress_is_rolled_up_to_the_initiative_the_focus_area_and_the_collaboration(
    world: ClusterWorld,
) -> None:
    for n, progress in enumerate((40, 61)):
        child = initiative_create(
            name=f"Delindsats {n}",
            collaboration=world.cluster,
            focus_area=world.focus_area,
            parent=world.initiative,
        )
        child = initiative_approve(initiative=child, decision=world.decision)
        initiative_set_progress(initiative=child, progress=progress)
    other = initiative_create(name="Anden indsats", collaboration=world.cluster)
    other = initiative_approve(initiative=other, decision=world.decision)
    initiative_set_progress(initiative=other, progress=20)

    summary = portal_collaboration(slug=world.cluster.slug, day=timezone.localdate())
    assert summary is not None
    # The initiative: (40 + 61) / 2 = 50.5 → 51; the collaboration: (50.5 + 20) / 2 → of the tops 51 and 20.
    assert summary.progress.value == 36 and summary.progress.rolled_up
    assert summary.initiative_count == 4
    html = Client().get(url(world)).content.decode()
    assert "<span>51 %</span>" in html  # the initiative and its focus area
    assert 'progress max="100" value="51"' in html
    assert "<span>36 %</span>" in html  # the whole collaboration
    assert "Delindsats: </span>" in html  # the children shown as part of their initiative
    # Filtered to the children's status only, they keep no parent row to hang under.
    html = Client().get(url(world, "?status=approved")).content.decode()
    assert "Indsatser uden fokusområde" in html and "Anden indsats" in html


@pytest.mark.django_db
def test_funds_with_unknown_total_are_shown_as_unknown(world: ClusterWorld) -> None:
    unknown = fund_create(body=world.political, year=2024, name="Klyngemidler 2024", amount=None)
    allocation_create(
        fund=unknown, decision=world.decision, amount=Decimal(500_000), focus_area=world.focus_area
    )
    summary = portal_collaboration(slug=world.cluster.slug, day=timezone.localdate())
    assert summary is not None
    assert summary.funds.total is None and summary.funds.remaining is None
    assert summary.funds.allocated == Decimal(2_500_000) and summary.funds.unknown_totals == 1
    html = Client().get(url(world)).content.decode()
    assert "Ramme ikke oplyst, bevilget 2,5 mio. kr., rest ikke oplyst" in html
    assert ">500.000 kr.</td>" in html


@pytest.mark.django_db
def test_next_meeting_is_the_first_planned_one_from_today(
    world: ClusterWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2024, 9, 15))
    meeting_create(body=world.political, date=datetime.date(2024, 3, 1), status=MeetingStatus.PLANNED)
    half_year = meeting_create(
        body=world.political,
        date=datetime.date(2024, 7, 1),
        date_precision=DatePrecision.HALF_YEAR,
        status=MeetingStatus.PLANNED,
        title="Ekstra møde",
    )
    meeting_create(body=world.political, date=datetime.date(2024, 12, 3), status=MeetingStatus.PLANNED)
    overview = portal_overview(day=datetime.date(2024, 9, 15))
    summary = next(s for g in overview.groups for s in g.summaries if s.collaboration == world.cluster)
    assert summary.next_meeting == half_year
    html = Client().get("/foelg/").content.decode()
    assert f'href="/moeder/{half_year.pk}/">2. halvår 2024</a>' in html
    html = Client().get(url(world)).content.decode()
    assert "3. december 2024" in html and "Ekstra møde" in html
    assert "1. marts 2024" not in html


@pytest.mark.django_db
def test_initiatives_by_status_are_counted_over_all_collaborations(world: ClusterWorld) -> None:
    initiative_create(name="Endnu en", collaboration=world.cluster)
    overview = portal_overview(day=world.meeting.date + datetime.timedelta(days=30))
    counts = {s.status: s.count for s in overview.status_counts}
    assert counts[InitiativeStatus.APPROVED] == 1 and counts[InitiativeStatus.PROPOSED] == 1
    assert overview.initiative_count == 2 and overview.decision_count == 1


@pytest.mark.django_db
def test_the_overview_counts_the_last_years_public_decisions_and_links_to_all(world: ClusterWorld) -> None:
    """The overview shows what is recent: the public decisions of the last 365 days (a decision older
    than that is counted on the collaboration's own page only)."""
    held = world.meeting.date
    assert portal_overview(day=held + datetime.timedelta(days=365)).decision_count == 1
    later = held + datetime.timedelta(days=366)
    overview = portal_overview(day=later)
    assert overview.decision_count == 0
    assert overview.decisions_since == held + datetime.timedelta(days=1)
    [summary] = [s for g in overview.groups for s in g.summaries if s.collaboration == world.cluster]
    assert summary.decision_count == 0 and summary.progress is None
    whole = portal_collaboration(slug=world.cluster.slug, day=later)
    assert whole is not None and whole.decision_count == 1
    html = Client().get("/foelg/").content.decode()
    assert "Offentlige beslutninger seneste år" in html
    assert f'href="/foelg/{world.cluster.slug}/"' in html


@pytest.mark.django_db
def test_the_overview_counts_in_the_database_and_reads_no_initiative(world: ClusterWorld) -> None:
    """At national scale the overview read all 10,080 initiatives to count and roll them up: now every
    query over initiatives or decisions is a count grouped in the database."""
    for n in range(3):
        initiative_create(name=f"Indsats {n}", collaboration=world.cluster)
    with CaptureQueriesContext(connection) as captured:
        overview = portal_overview(day=timezone.localdate())
    assert overview.initiative_count == 4
    for query in captured.captured_queries:
        sql = query["sql"]
        if 'FROM "work_initiative"' in sql or 'FROM "meetings_decision"' in sql:
            assert "GROUP BY" in sql and "COUNT(" in sql, sql


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(world: ClusterWorld) -> None:
    with_closed_allocation(world)
    assert_fixed_queries(
        Client(),
        {
            "/foelg/": 5,
            url(world): 14,
            url(world, "?status=approved"): 14,
            url(world, "?emne=forebyggelse"): 15,
        },
        world=world,
    )
