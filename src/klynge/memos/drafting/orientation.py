"""The orientation memo (seed 000): the collaboration as it concerns the committee's municipality,
then the focus areas and theme discussions relevant to the committee's topics — nothing else."""

import datetime
import re
from dataclasses import dataclass

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind
from klynge.kernel.formatting import danish_date
from klynge.meetings.models import MeetingStatus
from klynge.memos import selectors
from klynge.memos.content import (
    Block,
    BulletList,
    ClosedPassage,
    MemoDocument,
    Paragraph,
    Run,
    Section,
    plain,
)
from klynge.memos.drafting.prose import (
    counted,
    genitive,
    join_and,
    lower_first,
    meeting_period_end,
    meeting_when,
)
from klynge.organisation.models import Committee, Party, PartyKind


@dataclass(frozen=True)
class OrientationMemoRequest:
    committee: Committee
    memo_date: datetime.date


HOLDERS = {
    PartyKind.REGION: "regionen",
    PartyKind.MUNICIPALITY: "kommunerne",
    PartyKind.GENERAL_PRACTICE: "almen praksis",
}


def orientation_title(committee: Committee) -> str:
    return f"Sundhedsklynger med deltagelse af {committee.party.name}, region og praktiserende læger"


def _first_sentence(text: str) -> str:
    """The purpose a description states first; provenance remarks that follow are left out of memos."""
    text = text.strip()
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strip_kind(title: str) -> str:
    """'Temadrøftelse om fødeområdet' → 'fødeområdet', so the memo does not say it twice."""
    return re.sub(r"^temadrøftelse (om|på|af) ", "", lower_first(title), flags=re.IGNORECASE)


def _p(text: str) -> Paragraph:
    return Paragraph(plain(text))


def _active_memberships(body: Body, party: Party, on: datetime.date) -> list:
    return [
        m
        for m in body.memberships.all()
        if m.party_id == party.pk and m.start <= on and (m.end is None or m.end >= on)
    ]


def _political_body(collaboration: Collaboration) -> Body | None:
    return next((b for b in collaboration.bodies.all() if b.level == BodyLevel.POLITICAL), None)


def _structure_section(party: Party, clusters: list[Collaboration], on: datetime.date) -> Section:
    section = Section(
        heading="Sundhedsklynger som samarbejdsform mellem kommuner, region og praktiserende læger"
    )
    starts = sorted({c.valid_from for c in clusters if c.valid_from})
    if starts:
        section.blocks.append(
            _p(
                f"Den {danish_date(starts[0])} trådte den nye samarbejdsstruktur på sundhedsområdet i kraft. "
                "Hermed etableredes der blandt andet sundhedsklynger, hvor kommuner, region og praktiserende "
                "læger er repræsenteret og har ansvar for de fælles borgere i sundhedsklyngen."
            )
        )
    section.blocks.append(_p(f"{party.name} er repræsenteret i {_represented_in(clusters)}."))
    for forum in selectors.spanning_collaborations(party=party, kind=CollaborationKind.COORDINATION_FORUM):
        spans = join_and([c.name for c in forum.spans.all()])
        partners = join_and([p.name for p in forum.parties.all() if p.pk != party.pk])
        with_partners = f"I samarbejde med {partners} er der" if partners else "Der er"
        text = f"{with_partners} desuden etableret {forum.name} på tværs af {spans}."
        purpose = _first_sentence(forum.description)
        section.blocks.append(_p(f"{text} {purpose}".strip()))

    levels = sorted(
        {b.get_level_display().replace(" niveau", "").lower() for c in clusters for b in c.bodies.all()},
        key=lambda s: s != "fagligt",
    )
    if levels:
        section.blocks.append(
            _p(
                f"Klyngestrukturen består af {counted(len(levels), 'niveau', 'niveauer')} – "
                f"{join_and([f'et {level}' for level in levels])} niveau."
            )
        )
    section.blocks.extend(_member_blocks(party, clusters, on))
    section.blocks.extend(_substitute_blocks(party, clusters, on))
    section.blocks.append(
        _p(
            "Sundhedsklyngerne er ikke nye myndigheder. Myndighedsansvaret ligger som hidtil i regionen og "
            "kommunerne. Sundhedsklyngerne kan koordinere indsatser og træffe fælles beslutninger, hvor der "
            "ikke allerede ligger en myndighedsbeføjelse hos en af de deltagende parter."
        )
    )
    authorities = selectors.authority_areas()
    if authorities:
        items = []
        for area in authorities:
            holder = area.party.name if area.party else HOLDERS[PartyKind(area.holder_kind)]
            basis = f" ({area.legal_basis})" if area.legal_basis else ""
            items.append(plain(f"{area.topic.name}: {holder}{basis}"))
        section.blocks.append(_p("Eksempler på, hvor myndighedsansvaret ligger:"))
        section.blocks.append(BulletList(tuple(items)))
    for secretariat in selectors.spanning_collaborations(party=party, kind=CollaborationKind.SECRETARIAT):
        administrations = join_and(sorted(a.name for a in secretariat.administrations.all()))
        text = f"{party.name} har et internt klyngesekretariat, {secretariat.name}, på tværs af {administrations}."
        purpose = _first_sentence(secretariat.description)
        section.blocks.append(_p(f"{text} {purpose}".strip()))
    return section


def _described(collaboration: Collaboration) -> str:
    hospitals = [h.name for h in collaboration.hospitals.all()]
    return f"{collaboration.name} tilknyttet {join_and(hospitals)}" if hospitals else collaboration.name


def _represented_in(collaborations: list[Collaboration]) -> str:
    """'to sundhedsklynger – A og B', 'ét sundhedsråd – C', or both, counted as of the memo's date."""
    clusters = [c for c in collaborations if c.kind == CollaborationKind.CLUSTER]
    councils = [c for c in collaborations if c.kind == CollaborationKind.HEALTH_COUNCIL]
    parts = []
    if clusters:
        count = counted(len(clusters), "sundhedsklynge", "sundhedsklynger")
        parts.append(f"{count} – {join_and([_described(c) for c in clusters])}")
    if councils:
        count = counted(len(councils), "sundhedsråd", "sundhedsråd", neuter=True)
        parts.append(f"{count} – {join_and([_described(c) for c in councils])}")
    return " samt ".join(parts)


def _member_blocks(party: Party, clusters: list[Collaboration], on: datetime.date) -> list[Block]:
    """The party's seats, then who sits for it, one sentence per set of clusters a person sits in."""
    blocks: list[Block] = []
    clusters_of_person: dict[str, list[str]] = {}
    for cluster in clusters:
        body = _political_body(cluster)
        if body is None:
            continue
        seat = next((s for s in body.seats.all() if s.party_id == party.pk), None)
        if seat is not None:
            blocks.append(
                _p(
                    f"I {cluster.name} har {party.name} {counted(seat.count, 'plads', 'pladser')} "
                    "på det politiske niveau."
                )
            )
        members = _active_memberships(body, party, on) or [
            m for m in body.memberships.all() if m.party_id == party.pk
        ]
        for membership in members:
            label = (
                f"{lower_first(membership.title or membership.person.title)} {membership.person.name}".strip()
            )
            clusters_of_person.setdefault(label, []).append(cluster.name)
    people_by_clusters: dict[tuple[str, ...], list[str]] = {}
    for label, where in clusters_of_person.items():
        people_by_clusters.setdefault(tuple(where), []).append(label)
    for index, (cluster_names, people) in enumerate(
        sorted(people_by_clusters.items(), key=lambda kv: -len(kv[0]))
    ):
        also = "" if index == 0 else " også"
        blocks.append(
            _p(
                f"På det politiske niveau i {join_and(list(cluster_names))} deltager{also} {join_and(people)} for {party.name}."
            )
        )
    return blocks


def _substitute_blocks(party: Party, clusters: list[Collaboration], on: datetime.date) -> list[Block]:
    """One sentence per principal and set of substitutes, naming every cluster it applies in."""
    groups: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for cluster in clusters:
        body = _political_body(cluster)
        if body is None:
            continue
        members = _active_memberships(body, party, on) or [
            m for m in body.memberships.all() if m.party_id == party.pk
        ]
        for membership in members:
            substitutes = list(membership.substitutions.all())
            if not substitutes:
                continue
            names = tuple(
                f"{lower_first(s.substitute.title)} {s.substitute.name}".strip() for s in substitutes
            )
            principal = f"{lower_first(membership.title)} {membership.person.name}".strip()
            groups.setdefault((principal, names, substitutes[0].condition), []).append(cluster.name)
    blocks: list[Block] = []
    for (principal, names, condition), where in groups.items():
        text = f"{join_and(list(names))} kan deltage i stedet for {principal} i {join_and(where)}"
        blocks.append(_p(_sentence_case(f"{text}{', ' + condition if condition else ''}.")))
    return blocks


def _focus_section(committee: Committee, party: Party, memo_date: datetime.date) -> Section | None:
    topic_ids = [t.pk for t in committee.topics.all()]
    focus_areas = selectors.relevant_focus_areas(party=party, topic_ids=topic_ids, on=memo_date)
    discussions = selectors.relevant_theme_discussions(party=party, topic_ids=topic_ids)
    if not focus_areas and not discussions:
        return None
    section = Section(heading="Politiske fokusområder")
    if focus_areas:
        # Only a public item's meeting is named: where a closed item chose a focus area is not public.
        meetings = sorted(
            {
                fa.decided_at.meeting.date
                for fa in focus_areas
                if fa.decided_at is not None and fa.decided_at.is_public
            }
        )
        when = (
            f" på {'mødet' if len(meetings) == 1 else 'møderne'} "
            f"{join_and([f'den {danish_date(d)}' for d in meetings])}"
            if meetings
            else ""
        )
        section.blocks.append(
            _p(
                f"Det politiske niveau i sundhedsklyngerne har{when} drøftet fokusområder i klyngerne, og "
                f"nogle af områderne grænser op til {genitive(committee.name)} område. Det gælder bl.a.:"
            )
        )
        items = []
        for focus_area in focus_areas:
            clusters = [c for c in focus_area.collaborations.all() if c.kind != CollaborationKind.SECRETARIAT]
            where = (
                "begge sundhedsklynger" if len(clusters) == 2 else f"i {join_and([c.name for c in clusters])}"
            )
            items.append((Run(focus_area.name), Run(f" ({where})")))
        section.blocks.append(BulletList(tuple(items)))
    for item in discussions:
        meeting = item.meeting
        when = meeting_when(meeting.date, meeting.date_precision)
        where = f"møde i {meeting.body.name} {when}"
        topic = _strip_kind(item.title)
        if meeting.status == MeetingStatus.HELD:
            text = f"På {where} var der temadrøftelse om {topic}."
        elif meeting_period_end(meeting.date, meeting.date_precision) < memo_date:
            # Planned, and its day has passed, but not recorded as held: say so rather than guess.
            planned = "forventet" if item.is_tentative else "planlagt"
            text = (
                f"På {where} var der {planned} en temadrøftelse om {topic}; "
                "det er ikke registreret, om mødet er holdt, og hvad det kom frem til."
            )
        elif item.is_tentative:
            text = f"Der forventes en temadrøftelse om {topic} på {where}."
        else:
            text = f"På {where} skal der være temadrøftelse om {topic}."
        paragraph = _p(text[0].upper() + text[1:])
        section.blocks.append(paragraph if item.is_public else ClosedPassage((item.pk,), (paragraph,)))
    section.blocks.append(
        _p(
            f"Hvis temadrøftelserne indebærer forslag eller ideer af relevans for {committee.name}, vil "
            "forvaltningen sørge for at forelægge det for udvalget samt i øvrigt holde udvalget orienteret, "
            "hvor det er relevant."
        )
    )
    return section


def draft_orientation(request: OrientationMemoRequest) -> MemoDocument:
    committee = request.committee
    party = committee.party
    clusters = selectors.orientation_collaborations(party=party, on=request.memo_date)
    document = MemoDocument(title=orientation_title(committee), recipient=f"Til {committee.name}")
    if not clusters:
        document.intro.append(
            _p(
                f"{party.name} deltager pr. {danish_date(request.memo_date)} ikke i nogen sundhedsklynge "
                "eller noget sundhedsråd ifølge Klynges registreringer."
            )
        )
        return document
    focus = _focus_section(committee, party, request.memo_date)
    intro = (
        "Udvalget orienteres med dette notat om sundhedsklyngerne – en samarbejdsform, som sætter en ramme for "
        "et forpligtende samarbejde mellem kommuner, region og de praktiserende læger. Sundhedsklyngerne "
        "beslutter selv deres fokusområder"
    )
    if focus is not None:
        relevant = selectors.relevant_focus_areas(
            party=party, topic_ids=[t.pk for t in committee.topics.all()], on=request.memo_date
        )
        if relevant:
            intro += f" og vil på udvalgets område bl.a. beskæftige sig med {join_and([lower_first(f.name) for f in relevant[:3]])}"
    intro += (
        ". Sundhedsklyngerne kan koordinere indsatser og træffe fælles beslutninger, hvor der ikke allerede "
        "ligger en myndighedsbeføjelse hos en af de deltagende parter."
    )
    document.intro.append(_p(intro))
    document.sections.append(_structure_section(party, clusters, request.memo_date))
    if focus is not None:
        document.sections.append(focus)
    return document
