"""Reads for a meeting's attendance: who is expected, their substitutes, what is more relevant to whom.

Every function loads what its page shows with a fixed number of queries, whatever the data size.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from klynge.attendance.models import Absence, attendance_day
from klynge.bodies.models import Membership, Seat, Substitution
from klynge.bodies.selectors import ROLE_ORDER
from klynge.kernel.validity import active_on
from klynge.meetings.access import VisibleItems, public_agenda_items, visible_agenda_items
from klynge.meetings.models import AgendaItem, Meeting
from klynge.meetings.selectors import visible_number
from klynge.organisation.models import Party, Person, Topic


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("name"))


@dataclass
class AbsenceRow:
    """An absence as the viewer may see it: `items` are only the agenda items the viewer may see (an absence
    that concerns only items they may not see is not shown to them at all)."""

    absence: Absence
    items: list[AgendaItem]
    item_ids: frozenset[int]

    @property
    def whole_meeting(self) -> bool:
        return not self.item_ids

    @property
    def substitute(self) -> Person | None:
        return self.absence.substitute

    def applies_to(self, item: AgendaItem) -> bool:
        return self.whole_meeting or item.pk in self.item_ids


@dataclass
class ExpectedMember:
    membership: Membership
    substitutions: list[Substitution]  # active on the meeting's day
    absence: AbsenceRow | None = None

    @property
    def person(self) -> Person:
        return self.membership.person


@dataclass
class PartyAttendance:
    party: Party
    seats: int | None  # None if the party has members but no seat row
    members: list[ExpectedMember] = field(default_factory=list)


@dataclass
class RelevantSubstitute:
    """A substitute whose topics overlap an agenda item's: more relevant to that item (mere relevant)."""

    member: ExpectedMember
    substitution: Substitution
    shared_topics: list[Topic]
    comes_instead: bool  # the member has sent word for the item, and this substitute comes instead


@dataclass
class ItemAttendance:
    item: AgendaItem
    relevant: list[RelevantSubstitute]
    absences: list[AbsenceRow]


@dataclass
class MeetingAttendance:
    meeting: Meeting
    day: datetime.date
    parties: list[PartyAttendance]
    items: list[ItemAttendance]
    absences: list[AbsenceRow]
    # The members whose absence concerns only items the viewer may not see: it is not shown, and they are
    # not offered for another absence (they have one).
    unseen_absentees: frozenset[int] = frozenset()

    @property
    def members(self) -> list[ExpectedMember]:
        return [member for party in self.parties for member in party.members]

    @property
    def members_without_absence(self) -> list[ExpectedMember]:
        return [
            member
            for member in self.members
            if member.absence is None and member.membership.pk not in self.unseen_absentees
        ]

    @property
    def expected_count(self) -> int:
        return len(self.members)

    @property
    def has_relevant_substitutes(self) -> bool:
        return any(row.relevant for row in self.items)


def attendance_meeting(*, pk: int) -> Meeting | None:
    """The meeting an attendance page is about, with what the page and the access check need."""
    return Meeting.objects.filter(pk=pk).select_related("body", "body__collaboration").first()


def attendance_agenda_items(*, meeting: Meeting, visible: VisibleItems | None = None) -> list[AgendaItem]:
    """The meeting's agenda items the viewer may see, in order, with their topics and their number as the
    viewer sees it (`number`)."""
    return list(
        AgendaItem.objects.filter(
            meeting=meeting, pk__in=public_agenda_items() if visible is None else visible
        )
        .annotate(number=visible_number(visible))
        .prefetch_related(_topics())
        .order_by("position")
    )


def _memberships(*, meeting: Meeting, day: datetime.date) -> list[Membership]:
    substitutions = (
        Substitution.objects.filter(active_on(day, "start", "end"))
        .select_related("substitute")
        .prefetch_related(_topics())
        .order_by("substitute__name", "pk")
    )
    return list(
        Membership.objects.filter(active_on(day, "start", "end"), body_id=meeting.body_id)
        .select_related("person", "party")
        .prefetch_related(Prefetch("substitutions", queryset=substitutions, to_attr="active_substitutions"))
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "start", "person__name", "pk")
    )


def _absences(*, meeting: Meeting, visible: Sequence[AgendaItem]) -> tuple[list[AbsenceRow], frozenset[int]]:
    """The absences as the viewer may see them, and the memberships whose absence they may not see (it
    concerns only items they may not see: showing it, even without the items, would tell there are some)."""
    absences: QuerySet[Absence] = (
        Absence.objects.filter(meeting=meeting)
        .select_related("membership", "membership__person", "membership__party", "substitute", "source")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position")))
        .order_by("membership__person__name", "pk")
    )
    seen = {item.pk: item for item in visible}  # these carry the number the viewer sees
    rows, unseen = [], set()
    for absence in absences:
        item_ids = frozenset(item.pk for item in absence.agenda_items.all())
        items = [seen[item.pk] for item in absence.agenda_items.all() if item.pk in seen]
        if item_ids and not items:
            unseen.add(absence.membership_id)
            continue
        rows.append(AbsenceRow(absence=absence, items=items, item_ids=item_ids))
    return rows, frozenset(unseen)


def _parties(*, meeting: Meeting, members: list[ExpectedMember]) -> list[PartyAttendance]:
    """The members grouped by party, in the order of the body's seats (then parties without a seat row)."""
    groups: dict[int, PartyAttendance] = {
        seat.party_id: PartyAttendance(party=seat.party, seats=seat.count)
        for seat in Seat.objects.filter(body_id=meeting.body_id)
        .select_related("party")
        .order_by("party__kind", "party__name")
    }
    seatless: dict[int, PartyAttendance] = {}
    for member in members:
        party = member.membership.party
        group = groups.get(party.pk) or seatless.setdefault(
            party.pk, PartyAttendance(party=party, seats=None)
        )
        group.members.append(member)
    ordered = [g for g in groups.values() if g.members]
    ordered += sorted(seatless.values(), key=lambda g: (g.party.kind, g.party.name))
    return ordered


def _relevant(
    item: AgendaItem, members: list[ExpectedMember], substitution_topics: dict[int, list[Topic]]
) -> list[RelevantSubstitute]:
    listed = getattr(item, "topic_list", None)  # as the meeting page reads its agenda (meeting_agenda)
    item_topics = {topic.pk for topic in (item.topics.all() if listed is None else listed)}
    relevant = []
    for member in members:
        for substitution in member.substitutions:
            shared = [topic for topic in substitution_topics[substitution.pk] if topic.pk in item_topics]
            if shared:
                absence = member.absence
                comes_instead = (
                    absence is not None
                    and absence.applies_to(item)
                    and absence.absence.substitute_id == substitution.substitute_id
                )
                relevant.append(
                    RelevantSubstitute(
                        member=member,
                        substitution=substitution,
                        shared_topics=shared,
                        comes_instead=comes_instead,
                    )
                )
    return relevant


def meeting_attendance(*, meeting: Meeting, agenda_items: Sequence[AgendaItem]) -> MeetingAttendance:
    """Who is expected at the meeting, by party in seat order, with their substitutes on the day; for each
    agenda item, the substitutes whose topics make them more relevant to it, and the absences that concern it.

    `agenda_items` are the items the viewer may see, already fetched with their topics prefetched and their
    `number` as the viewer sees it (closed items the viewer may not see must not be passed); their topics
    as prefetched `topics` or as the list `topic_list` (`meetings.selectors.meeting_agenda`). At most six
    queries, whatever the data size."""
    day = attendance_day(meeting)
    absences, unseen_absentees = _absences(meeting=meeting, visible=agenda_items)
    absence_by_membership = {row.absence.membership_id: row for row in absences}
    members = [
        ExpectedMember(
            membership=membership,
            substitutions=list(getattr(membership, "active_substitutions", [])),
            absence=absence_by_membership.get(membership.pk),
        )
        for membership in _memberships(meeting=meeting, day=day)
    ]
    parties = _parties(meeting=meeting, members=members)
    members = [member for party in parties for member in party.members]  # in the order shown
    substitution_topics = {  # once, not per item (a related manager per item and substitution)
        substitution.pk: list(substitution.topics.all())
        for member in members
        for substitution in member.substitutions
    }
    items = [
        ItemAttendance(
            item=item,
            relevant=_relevant(item, members, substitution_topics),
            absences=[row for row in absences if row.applies_to(item)],
        )
        for item in agenda_items
    ]
    return MeetingAttendance(
        meeting=meeting,
        day=day,
        parties=parties,
        items=items,
        absences=absences,
        unseen_absentees=unseen_absentees,
    )


def attendance_seen_by(user: Any, meeting: Meeting) -> MeetingAttendance:
    """The meeting's attendance with the agenda items the user may see (closed ones only if they may)."""
    items = attendance_agenda_items(meeting=meeting, visible=visible_agenda_items(user))
    return meeting_attendance(meeting=meeting, agenda_items=items)


def absence_members(attendance: MeetingAttendance, absence: Absence) -> list[ExpectedMember]:
    """The member an absence is for, whose substitutes a change may choose from."""
    return [member for member in attendance.members if member.membership.pk == absence.membership_id]


def substitutes_of(members: Sequence[ExpectedMember]) -> list[Person]:
    """The members' substitutes on the meeting's day, each once (the choices for who comes instead)."""
    found: dict[int, Person] = {}
    for member in members:
        for substitution in member.substitutions:
            found.setdefault(substitution.substitute.pk, substitution.substitute)
    return list(found.values())


def absences_to_edit() -> QuerySet[Absence]:
    """Absences with what a change and the access check need (every meeting's attendance is visible)."""
    return Absence.objects.select_related(
        "meeting", "meeting__body", "meeting__body__collaboration", "membership__person"
    )
