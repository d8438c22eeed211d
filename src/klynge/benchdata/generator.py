"""A deterministic generator of benchmark data at demo or national scale (`klynge bench generate`).

Everything it makes is plainly labelled: every record rests on the source "Genereret benchmarkdata – ikke
rigtige tal" (kind: example data), and the names say "Bench" (Benchregion, Benchkommune, Sundhedsklynge
Bench 07). It is meant for load tests, never to be shown as real.

Two phases. `plan_bench_data` builds every record as an unsaved model instance, from one seeded random
generator and a fixed calendar (no clock, no database): the same scale and seed give the same records.
`bench_data_write` then saves them table by table with bulk_create (a few queries per table, whatever the
size) and rebuilds the search index once with the search app's own bulk rebuild.

Bulk writes skip clean(), so the plan itself keeps the rules the services enforce, and
tests/benchdata/ checks them with full_clean() on every record at demo scale:
- dates: meetings within their body's lifetime, held meetings not in the future, decisions only at held
  meetings, initiatives start after the decision that approved them, periods end after they start;
- a cluster is no authority: joint decisions are never on the topic the region holds the authority for
  (those are recommendations to the region);
- an initiative past "proposed" is approved by a decision of a political body of its own collaboration;
  its parent and focus area belong to the same collaboration; progress is a percentage;
- allocations come from decisions of the fund's collaboration, go to its initiatives or focus areas, and
  never exceed the fund;
- memberships never exceed the party's seats at any time; substitutes sit within the principal's period.

Simple-history rows are not written (bulk_create bypasses them): the records have no change history.
On PostgreSQL the generator ends with VACUUM ANALYZE, so the planner and the tables are as a running
database's would be (no dead rows left by the search index's second write).
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction

from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    MembershipRole,
    Participation,
    Seat,
    Substitution,
)
from klynge.catchment.models import Area, AreaKind, CatchmentRule, Hospital
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, Meeting, MeetingStatus
from klynge.organisation.models import AuthorityArea, Committee, Party, PartyKind, Person, Topic
from klynge.provenance.models import Source, SourceKind
from klynge.work.models import (
    Allocation,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    Initiative,
    InitiativeStatus,
    TrialAction,
)

SOURCE_KEY = "benchmark-genereret"
SOURCE_TITLE = "Genereret benchmarkdata – ikke rigtige tal"
BENCH_PASSWORD = "bench-klynge-2025"  # the generated accounts' password (benchmark databases only)
EDITOR_EMAIL = "redaktoer@bench.klynge.example"
ADMIN_EMAIL = "admin@bench.klynge.example"
MEMBER_EMAIL = "medlem@bench.klynge.example"


@dataclass(frozen=True)
class Scale:
    name: str
    clusters: int
    regions: int
    municipalities: int
    first_year: int
    last_year: int
    meetings_per_body_year: int
    items_per_meeting: tuple[int, int]
    big_meeting_items: int
    initiatives_per_cluster_year: int
    focus_areas_per_cluster: int
    allocations_per_fund: int

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


SCALES = {
    # For tests: small, but every kind of record and every rule is there.
    "demo": Scale(
        name="demo",
        clusters=2,
        regions=1,
        municipalities=9,
        first_year=2025,
        last_year=2025,
        meetings_per_body_year=13,
        items_per_meeting=(8, 17),
        big_meeting_items=200,
        initiatives_per_cluster_year=48,
        focus_areas_per_cluster=4,
        allocations_per_fund=8,
    ),
    # Denmark: 21 clusters in 5 regions, 98 municipalities, ten years.
    "national": Scale(
        name="national",
        clusters=21,
        regions=5,
        municipalities=98,
        first_year=2016,
        last_year=2025,
        meetings_per_body_year=13,
        items_per_meeting=(8, 17),
        big_meeting_items=200,
        initiatives_per_cluster_year=48,
        focus_areas_per_cluster=8,
        allocations_per_fund=8,
    ),
}

REGION_NAMES = ["Nord", "Midt", "Syd", "Sjælland", "Hovedstaden"]
AUTHORITY_TOPIC = "Sygehusbehandling"
TOPICS = [
    "Forebyggelse",
    "Psykiatri",
    "Ældre medicinske patienter",
    "Børn og unge",
    "Rehabilitering",
    "Diabetes",
    "KOL",
    "Lægedækning",
    "Digitale løsninger",
    "Akutområdet",
    "Midlertidige pladser",
    AUTHORITY_TOPIC,
]
PHRASES = [
    "status på indsatsen",
    "forslag til prøvehandling",
    "opfølgning på data",
    "tværsektorielle forløb",
    "fælles kompetenceudvikling",
    "udkast til handleplan",
    "evaluering af pilotprojekt",
    "samarbejde med almen praksis",
    "opsporing i hjemmeplejen",
    "udskrivning og overgange",
    "telemedicinsk opfølgning",
    "pårørendeinddragelse",
    "ulighed i sundhed",
    "rekruttering og fastholdelse",
    "fælles sprog og visitation",
]
FIRST_NAMES = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Frederik", "Gitte", "Hans", "Ida", "Jens", "Karen"]
LAST_NAMES = ["Andersen", "Bech", "Christensen", "Dahl", "Eriksen", "Friis", "Gade", "Holm", "Jensen"]
ITEM_KINDS = [
    (AgendaItemKind.DECISION, 38),
    (AgendaItemKind.ORIENTATION, 22),
    (AgendaItemKind.DISCUSSION, 18),
    (AgendaItemKind.STATUS, 14),
    (AgendaItemKind.THEME_DISCUSSION, 8),
]
INITIATIVE_STATUSES = [
    (InitiativeStatus.PROPOSED, 10),
    (InitiativeStatus.APPROVED, 15),
    (InitiativeStatus.RUNNING, 35),
    (InitiativeStatus.EVALUATED, 10),
    (InitiativeStatus.COMPLETED, 20),
    (InitiativeStatus.STOPPED, 10),
]
CLOSED_SHARE = 0.08
CANCELLED_SHARE = 0.03


@dataclass
class Plan:
    """Every record to write, as unsaved instances, in the order they are written (tables in dependency order)."""

    scale: Scale
    seed: int
    tables: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    # Initiatives by tree level: a child is written after its parent, so its parent has a pk.
    initiative_levels: list[list[Initiative]] = field(default_factory=lambda: [[], [], []])
    big_meeting: Meeting | None = None
    editor_party: Party | None = None
    member_person: Person | None = None

    def add(self, instance: models.Model) -> Any:
        self.tables.setdefault(type(instance), []).append(instance)
        return instance

    def rows(self) -> Iterator[tuple[type[models.Model], list[models.Model]]]:
        yield from self.tables.items()

    def count(self, model: type[models.Model]) -> int:
        if model is Initiative:
            return sum(len(level) for level in self.initiative_levels)
        return len(self.tables.get(model, []))


def _weighted(rng: random.Random, choices: list[tuple[Any, int]]) -> Any:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _spread_dates(rng: random.Random, year: int, count: int) -> list[datetime.date]:
    """`count` distinct working days of a year, spread over its months."""
    days: set[datetime.date] = set()
    while len(days) < count:
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        if day.weekday() < 5:
            days.add(day)
    return sorted(days)


def plan_bench_data(*, scale: Scale, seed: int = 1) -> Plan:
    """Build every record of the benchmark data in memory (nothing is saved)."""
    rng = random.Random(f"klynge-bench-{scale.name}-{seed}")
    plan = Plan(scale=scale, seed=seed)
    start = datetime.date(scale.first_year, 1, 1)
    source = plan.add(
        Source(
            key=SOURCE_KEY,
            kind=SourceKind.EXAMPLE,
            title=SOURCE_TITLE,
            publisher="klynge bench generate",
            description=(
                f"Genereret af `klynge bench generate --scale {scale.name} --seed {seed}` til belastningstest. "
                "Navne, møder, beslutninger og beløb er opdigtede."
            ),
        )
    )
    sourced: dict[str, Any] = {"source": source, "source_note": "Genereret benchmarkdata."}

    topics = {name: plan.add(Topic(name=name, slug=f"bench-{_slug(name)}")) for name in TOPICS}
    open_topics = [t for name, t in topics.items() if name != AUTHORITY_TOPIC]
    authority_topic = topics[AUTHORITY_TOPIC]

    regions = [
        plan.add(
            Party(
                name=f"Benchregion {REGION_NAMES[r]}",
                slug=f"benchregion-{r + 1}",
                kind=PartyKind.REGION,
                **sourced,
            )
        )
        for r in range(scale.regions)
    ]
    plan.add(
        AuthorityArea(
            topic=authority_topic,
            holder_kind=PartyKind.REGION,
            description="Regionen har myndigheden for sygehusbehandling (benchmarkdata).",
            **sourced,
        )
    )

    # Municipalities dealt out over the clusters in turn; each cluster belongs to one region.
    cluster_regions = [regions[c * scale.regions // scale.clusters] for c in range(scale.clusters)]
    municipalities_of: dict[int, list[Party]] = defaultdict(list)
    for m in range(scale.municipalities):
        cluster_no = m % scale.clusters
        municipality = plan.add(
            Party(
                name=f"Benchkommune {m + 1:03d}",
                slug=f"benchkommune-{m + 1:03d}",
                kind=PartyKind.MUNICIPALITY,
                region=cluster_regions[cluster_no],
                **sourced,
            )
        )
        municipalities_of[cluster_no].append(municipality)
        committee = plan.add(
            Committee(
                party=municipality,
                name=f"Sundhedsudvalget, Benchkommune {m + 1:03d}",
                code=f"BSU{m + 1:03d}",
                slug=f"bench-sundhedsudvalget-{m + 1:03d}",
                **sourced,
            )
        )
        plan.add(Committee.topics.through(committee=committee, topic=rng.choice(open_topics)))

    people_counter = 0

    def person(party: Party) -> Person:
        nonlocal people_counter
        people_counter += 1
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (bench {people_counter:04d})"
        return plan.add(Person(name=name, slug=f"bench-person-{people_counter:04d}", party=party, **sourced))

    last_held = datetime.date(scale.last_year, 12, 31)
    planned_year = scale.last_year + 2  # planned meetings lie safely ahead of the held ones

    for c in range(scale.clusters):
        number = c + 1
        region = cluster_regions[c]
        municipalities = municipalities_of[c]
        practice = plan.add(
            Party(
                name=f"Almen praksis, Bench {number:02d}",
                slug=f"bench-almen-praksis-{number:02d}",
                kind=PartyKind.GENERAL_PRACTICE,
                **sourced,
            )
        )
        parties = [region, *municipalities, practice]
        if c == 0:
            plan.editor_party = municipalities[0]
        hospital = plan.add(
            Hospital(
                name=f"Benchhospital {number:02d}",
                slug=f"benchhospital-{number:02d}",
                region=region,
                **sourced,
            )
        )
        for municipality in municipalities:
            area = plan.add(
                Area(
                    name=municipality.name,
                    slug=f"bench-omraade-{municipality.slug}",
                    kind=AreaKind.MUNICIPALITY,
                    party=municipality,
                    **sourced,
                )
            )
            plan.add(CatchmentRule(area=area, hospital=hospital, valid_from=start, **sourced))
        cluster = plan.add(
            Collaboration(
                name=f"Sundhedsklynge Bench {number:02d}",
                short_name=f"Bench {number:02d}",
                slug=f"sundhedsklynge-bench-{number:02d}",
                kind=CollaborationKind.CLUSTER,
                description="Genereret benchmarkdata – ikke en rigtig sundhedsklynge.",
                region=region,
                valid_from=start,
                **sourced,
            )
        )
        for party in parties:
            plan.add(Participation(collaboration=cluster, party=party))
        plan.add(Collaboration.hospitals.through(collaboration=cluster, hospital=hospital))

        bodies: dict[str, Body] = {}
        decisions_of: dict[str, list[Decision]] = {BodyLevel.POLITICAL: [], BodyLevel.PROFESSIONAL: []}
        items_of_cluster: list[AgendaItem] = []
        for level, label in ((BodyLevel.POLITICAL, "Politisk"), (BodyLevel.PROFESSIONAL, "Faglig")):
            body = plan.add(
                Body(
                    collaboration=cluster,
                    level=level,
                    name=f"{label} sundhedsklynge Bench {number:02d}",
                    slug=f"{_slug(label)}-sundhedsklynge-bench-{number:02d}",
                    **sourced,
                )
            )
            bodies[level] = body
            # Seats: one per municipality and general practice, two for the region. Each seat is held
            # by one person for the whole period, or by one until the end of 2021 and another after.
            term_break = datetime.date(max(scale.first_year, 2022), 1, 1)
            for party in parties:
                seats = 2 if party is region else 1
                plan.add(Seat(body=body, party=party, count=seats, **sourced))
                for seat in range(seats):
                    role = (
                        MembershipRole.CO_CHAIR if (party is region and seat == 0) else MembershipRole.MEMBER
                    )
                    if term_break > start and rng.random() < 0.7:
                        periods = [(start, term_break - datetime.timedelta(days=1)), (term_break, None)]
                    else:
                        periods = [(start, None)]
                    for begin, end in periods:
                        member = person(party)
                        membership = plan.add(
                            Membership(
                                person=member,
                                body=body,
                                party=party,
                                role=role,
                                start=begin,
                                end=end,
                                **sourced,
                            )
                        )
                        if (
                            c == 0
                            and level == BodyLevel.POLITICAL
                            and end is None
                            and plan.member_person is None
                        ):
                            plan.member_person = member
                        if level == BodyLevel.POLITICAL and rng.random() < 0.5:
                            substitution = plan.add(
                                Substitution(
                                    principal=membership,
                                    substitute=person(party),
                                    start=begin,
                                    end=end,
                                    condition="Hvis det er mere relevant i forhold til dagsordenen.",
                                    **sourced,
                                )
                            )
                            plan.add(
                                Substitution.topics.through(
                                    substitution=substitution, topic=rng.choice(open_topics)
                                )
                            )

            dates = [
                d for year in scale.years for d in _spread_dates(rng, year, scale.meetings_per_body_year)
            ]
            planned = _spread_dates(rng, planned_year, 2)
            for day in [*dates, *planned]:
                if day > last_held:
                    status = MeetingStatus.PLANNED
                elif rng.random() < CANCELLED_SHARE:
                    status = MeetingStatus.CANCELLED
                else:
                    status = MeetingStatus.HELD
                meeting = plan.add(
                    Meeting(
                        body=body,
                        date=day,
                        start_time=datetime.time(14 if level == BodyLevel.POLITICAL else 9, 0),
                        status=status,
                        title="Møde" if status != MeetingStatus.CANCELLED else "Aflyst møde",
                        location=f"Benchhospital {number:02d}, mødelokale {rng.randint(1, 9)}",
                        **sourced,
                    )
                )
                big = (
                    c == 0 and level == BodyLevel.POLITICAL and plan.big_meeting is None and status == "held"
                )
                if big:
                    plan.big_meeting = meeting
                count = scale.big_meeting_items if big else rng.randint(*scale.items_per_meeting)
                for position in range(1, count + 1):
                    topic = rng.choice(open_topics) if rng.random() < 0.9 else authority_topic
                    kind = _weighted(rng, ITEM_KINDS)
                    phrase = rng.choice(PHRASES)
                    item = plan.add(
                        AgendaItem(
                            meeting=meeting,
                            position=position,
                            title=f"{topic.name}: {phrase}",
                            kind=kind,
                            is_public=rng.random() >= CLOSED_SHARE,
                            is_tentative=status == MeetingStatus.PLANNED and rng.random() < 0.3,
                            summary=(
                                f"{body.name} behandler {phrase} inden for {topic.name.lower()}. "
                                "Genereret benchmarkdata."
                            ),
                            **sourced,
                        )
                    )
                    plan.add(AgendaItem.topics.through(agendaitem=item, topic=topic))
                    items_of_cluster.append(item)
                    if status != MeetingStatus.HELD or kind != AgendaItemKind.DECISION:
                        continue
                    if topic is authority_topic:
                        decision = Decision(
                            agenda_item=item,
                            kind=DecisionKind.RECOMMENDATION,
                            recommended_to=region,
                            topic=topic,
                            text=f"Klyngen anbefaler {region.name} at styrke {phrase}.",
                            **sourced,
                        )
                    elif rng.random() < 0.8:
                        decision = Decision(
                            agenda_item=item,
                            kind=DecisionKind.JOINT,
                            topic=topic,
                            text=f"Klyngen godkendte {phrase} inden for {topic.name.lower()}.",
                            **sourced,
                        )
                    else:
                        decision = Decision(
                            agenda_item=item,
                            kind=DecisionKind.COORDINATION,
                            text=f"Parterne koordinerer {phrase}.",
                            **sourced,
                        )
                    decisions_of[level].append(plan.add(decision))

        political = bodies[BodyLevel.POLITICAL]
        approvals = [d for d in decisions_of[BodyLevel.POLITICAL] if d.kind == DecisionKind.JOINT]

        focus_areas = []
        for f in range(scale.focus_areas_per_cluster):
            topic = open_topics[(c + f) % len(open_topics)]
            focus_area = plan.add(
                FocusArea(
                    name=f"{topic.name} i Bench {number:02d} ({f + 1})",
                    slug=f"bench-{number:02d}-fokusomraade-{f + 1}",
                    description=f"Fokusområde om {topic.name.lower()}. Genereret benchmarkdata.",
                    status=FocusAreaStatus.ADOPTED if f % 4 else FocusAreaStatus.DISCUSSED,
                    decided_at=rng.choice(items_of_cluster[: max(1, len(items_of_cluster) // 10)]),
                    period_start=start,
                    period_end=datetime.date(scale.last_year + 2, 12, 31),
                    **sourced,
                )
            )
            plan.add(FocusArea.collaborations.through(focusarea=focus_area, collaboration=cluster))
            plan.add(FocusArea.topics.through(focusarea=focus_area, topic=topic))
            focus_areas.append(focus_area)
            plan.add(
                FollowUpResearch(
                    title=f"Følgeforskning: {focus_area.name}",
                    focus_area=focus_area,
                    status=rng.choice(list(FollowUpResearchStatus)),
                    **sourced,
                )
            )
            for position in range(1, 4):
                plan.add(
                    TrialAction(
                        focus_area=focus_area,
                        position=position,
                        name=f"Prøvehandling {position}: {rng.choice(PHRASES)}",
                        approved_by=rng.choice(approvals) if approvals else None,
                        **sourced,
                    )
                )

        # Initiatives: a tree three levels deep, each approved (unless proposed) by a political decision.
        approved_on: dict[int, datetime.date] = {}
        initiatives: list[Initiative] = []
        total = scale.initiatives_per_cluster_year * len(scale.years)
        for n in range(1, total + 1):
            level_no = 0 if n <= total // 4 else (1 if n <= (total * 3) // 4 else 2)
            parents = plan.initiative_levels[level_no - 1][-(total // 2) :] if level_no else []
            parents = [p for p in parents if p.collaboration is cluster]
            parent = rng.choice(parents) if parents else None
            focus_area = parent.focus_area if parent is not None else rng.choice(focus_areas)
            lifecycle: InitiativeStatus = _weighted(rng, INITIATIVE_STATUSES)
            approved_by: Decision | None = None
            wants_approval = lifecycle != InitiativeStatus.STOPPED or rng.random() < 0.5
            if lifecycle != InitiativeStatus.PROPOSED and approvals and wants_approval:
                approved_by = rng.choice(approvals)
            if approved_by is None and lifecycle != InitiativeStatus.STOPPED:
                lifecycle = InitiativeStatus.PROPOSED
            starts: datetime.date | None = None
            ends: datetime.date | None = None
            progress: int | None = None
            if approved_by is not None:
                decided = approved_by.agenda_item.meeting.date
                starts = decided + datetime.timedelta(days=rng.randint(14, 120))
                if lifecycle in (InitiativeStatus.COMPLETED, InitiativeStatus.STOPPED):
                    ends = starts + datetime.timedelta(days=rng.randint(180, 1000))
                progress = {
                    InitiativeStatus.APPROVED: 0,
                    InitiativeStatus.RUNNING: rng.randint(5, 95),
                    InitiativeStatus.EVALUATED: rng.randint(60, 100),
                    InitiativeStatus.COMPLETED: 100,
                    InitiativeStatus.STOPPED: rng.randint(0, 80),
                }[lifecycle]
            assert focus_area is not None
            topic_name = focus_area.name.split(" i Bench")[0]
            initiative = Initiative(
                name=f"{topic_name}: {rng.choice(PHRASES)} (Bench {number:02d}, nr. {n})",
                slug=f"bench-{number:02d}-indsats-{n:04d}",
                description="Genereret benchmarkdata – ikke en rigtig indsats.",
                collaboration=cluster,
                focus_area=focus_area,
                parent=parent,
                status=lifecycle,
                approved_by=approved_by,
                progress=progress,
                start=starts,
                end=ends,
                **sourced,
            )
            plan.initiative_levels[level_no].append(initiative)
            initiatives.append(initiative)
            plan.add(Initiative.responsible_parties.through(initiative=initiative, party=rng.choice(parties)))
            if approved_by is not None:
                approved_on[id(initiative)] = approved_by.agenda_item.meeting.date
                plan.add(
                    Initiative.agenda_items.through(agendaitem=approved_by.agenda_item, initiative=initiative)
                )

        # Funds: one per year for the political body, allocated by its decisions of that year.
        for year in scale.years:
            amount = Decimal(rng.randrange(2_000, 6_000) * 1_000)
            fund = plan.add(
                Fund(
                    body=political,
                    year=year,
                    name=f"Klyngemidler Bench {number:02d} {year}",
                    amount=amount,
                    description="Genereret benchmarkdata.",
                    **sourced,
                )
            )
            deciding = [
                d for d in decisions_of[BodyLevel.POLITICAL] if d.agenda_item.meeting.date.year == year
            ]
            if not deciding:
                continue
            weights = [rng.randint(1, 10) for _ in range(scale.allocations_per_fund)]
            budget = amount * Decimal("0.9")
            for weight in weights:
                decision = rng.choice(deciding)
                share = (budget * weight / sum(weights)).quantize(Decimal(1000)) or Decimal(1000)
                targets = [
                    i
                    for i in initiatives
                    if id(i) in approved_on and approved_on[id(i)] <= decision.agenda_item.meeting.date
                ]
                target = rng.choice(targets) if targets else None
                plan.add(
                    Allocation(
                        fund=fund,
                        decision=decision,
                        initiative=target,
                        focus_area=None if target is not None else rng.choice(focus_areas),
                        amount=share,
                        **sourced,
                    )
                )
    return plan


def _slug(text: str) -> str:
    from klynge.kernel.records import danish_to_ascii

    return danish_to_ascii(text).lower().replace(" ", "-")


def plan_fingerprint(plan: Plan) -> str:
    """A digest of every planned record's values, with references as (table, index): equal plans, equal digests."""
    import hashlib

    index: dict[int, tuple[str, int]] = {}
    tables: list[tuple[type[models.Model], list[Any]]] = list(plan.rows())
    tables += [(Initiative, level) for level in plan.initiative_levels]
    for model, rows in tables:
        for i, row in enumerate(rows):
            index[id(row)] = (model._meta.label, i)
    digest = hashlib.sha256()
    for model, rows in tables:
        for row in rows:
            values = []
            for f in row._meta.concrete_fields:
                if f.primary_key:
                    continue
                if f.is_relation:
                    related = getattr(row, f.name)
                    values.append(index.get(id(related)) if related is not None else None)
                else:
                    values.append(getattr(row, f.attname))
            digest.update(repr((model._meta.label, values)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Written:
    counts: dict[str, int]
    search_entries: int
    big_meeting_id: int


def _bulk(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    rows = list(rows)
    model._default_manager.bulk_create(rows, batch_size=2000)
    return len(rows)


def bench_data_write(plan: Plan) -> Written:
    """Save the planned records in bulk, add the benchmark accounts, and rebuild the search index."""
    from django.contrib.auth import get_user_model

    from klynge.accounts.models import Role
    from klynge.accounts.services import account_create
    from klynge.search.services import search_index_rebuild

    if (
        Source.objects.filter(key=SOURCE_KEY).exists()
        or get_user_model().objects.filter(email=EDITOR_EMAIL).exists()
    ):
        raise ValueError("Databasen har allerede benchmarkdata; brug en tom database.")
    counts: dict[str, int] = {}
    with transaction.atomic():
        for model, rows in plan.rows():
            if model is Party:
                # Regions first: municipalities point at them.
                regions = [p for p in rows if p.kind == PartyKind.REGION]  # type: ignore[attr-defined]
                _bulk(Party, regions)
                _bulk(Party, [p for p in rows if p.kind != PartyKind.REGION])  # type: ignore[attr-defined]
                counts[model._meta.label] = len(rows)
                continue
            if model is FocusArea:
                # Initiatives come right after focus areas (they point at them; later tables point at them).
                counts[model._meta.label] = _bulk(model, rows)
                for level in plan.initiative_levels:
                    _bulk(Initiative, level)
                counts[Initiative._meta.label] = plan.count(Initiative)
                continue
            counts[model._meta.label] = counts.get(model._meta.label, 0) + _bulk(model, rows)
        assert (
            plan.editor_party is not None and plan.member_person is not None and plan.big_meeting is not None
        )
        account_create(email=EDITOR_EMAIL, role=Role.EDITOR, party=plan.editor_party, password=BENCH_PASSWORD)
        account_create(email=ADMIN_EMAIL, role=Role.ADMIN, password=BENCH_PASSWORD)
        account_create(
            email=MEMBER_EMAIL, role=Role.MEMBER, person=plan.member_person, password=BENCH_PASSWORD
        )
        entries = search_index_rebuild()
    if connection.vendor == "postgresql":
        # The planner's statistics, and the tables as a running database would have them once autovacuum
        # has been by (it may be off or late): the search index is written and then updated (its vectors
        # and visibility fields), which left some 200,000 dead rows in search_searchentry and the GIN
        # index's pending list full, and every search visiting them. VACUUM cannot run in a transaction
        # (a test's): there only ANALYZE.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return Written(counts=counts, search_entries=entries, big_meeting_id=plan.big_meeting.pk)


def bench_data_generate(*, scale: str, seed: int = 1) -> Written:
    return bench_data_write(plan_bench_data(scale=SCALES[scale], seed=seed))
