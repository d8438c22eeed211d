"""Who may see which agenda items, and who may prepare meetings — the one place these rules live.

Everyone sees public items. Of the closed items, an administrator sees all; a secretariat editor sees
those of meetings held while their party took part in the collaboration; a member sees those of
meetings held while they sat in the body (as a member, or as a substitute for one).
Decisions, counts and everything else shown about an item follow the item.

Until a meeting's agenda is published (its first agenda version, klynge.agendas), its items — public or
closed — are seen only by those who may prepare the meeting (an administrator, an editor of a party in
the meeting's collaboration); a meeting recorded as held counts as published. The meeting itself (body,
date, place) is seen by all; its item count, numbering, search entries, feeds and exports follow this rule.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from klynge.accounts.access import editor_party_id, is_administrator, member_person_id
from klynge.bodies.access import access_collaboration_edit, editable_collaborations, ensure_collaboration_edit
from klynge.bodies.models import (
    Body,
    Collaboration,
    CollaborationKind,
    Membership,
    Participation,
    Substitution,
)
from klynge.kernel.compiled import CompiledSubquery
from klynge.meetings.models import AgendaItem, AgendaItemProposal, Meeting, MeetingStatus

MEETING_DAY = OuterRef("date")


def _ran_on_meeting_day(start: str = "start", end: str = "end") -> Q:
    """A period (open ends unbounded) that includes the day of the meeting."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": MEETING_DAY})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": MEETING_DAY})
    )


# The ids of the agenda items a viewer may see, used as a subquery by every selector that shows items.
VisibleItems = QuerySet[AgendaItem, Any]

# Whether a closed item may be seen depends only on its meeting (who took part, who sat in the body on
# that day), so the rule is written over meetings: the database finds the few thousand meetings once
# per query, instead of testing every agenda item's meeting again, row by row (which, at national scale,
# made a logged-in editor's pages wait for minutes).


def meetings_with_closed_items_of_party(party_id: int) -> QuerySet[Meeting, Any]:
    """The meetings whose closed items a party may see: those held while it took part in the
    collaboration (as ids, for a subquery)."""
    took_part = Participation.objects.filter(
        _ran_on_meeting_day(), party=party_id, collaboration=OuterRef("body__collaboration")
    )
    return Meeting.objects.filter(Exists(took_part)).values("pk")


def meetings_with_closed_items_of_member(person_id: int) -> QuerySet[Meeting, Any]:
    """The meetings whose closed items a member may see: those held while they sat in the body, or were
    a substitute for someone who did (as ids, for a subquery)."""
    sat = Membership.objects.filter(_ran_on_meeting_day(), person=person_id, body=OuterRef("body"))
    substituted = Substitution.objects.filter(
        _ran_on_meeting_day(), substitute=person_id, principal__body=OuterRef("body")
    )
    # Each condition a set of its own: PostgreSQL joins a lone EXISTS from the member's few memberships to
    # their bodies' meetings, but tests `EXISTS … OR EXISTS …` meeting by meeting (11,000 index probes and
    # 440 ms for a cluster's funds at national scale, against 2 probes and 5 ms).
    return Meeting.objects.filter(
        Q(pk__in=Meeting.objects.filter(Exists(sat)).values("pk"))
        | Q(pk__in=Meeting.objects.filter(Exists(substituted)).values("pk"))
    ).values("pk")


PUBLISHED = Q(agenda_published_at__isnull=False) | Q(status=MeetingStatus.HELD)


def meetings_with_agenda_out_to_party(party_id: int | None) -> QuerySet[Meeting, Any]:
    """The meetings whose items may be shown at all (as ids, for a subquery): those whose agenda is
    published or that were held, and, for a party's editors, also those of the collaborations the party
    takes part in (they prepare them)."""
    out = PUBLISHED
    if party_id is not None:
        # As a subquery, not a join to the parties: the join gave each meeting once per party of its
        # collaboration (35,000 rows for 5,500 meetings at national scale) for every query that used it.
        prepared = Collaboration.objects.filter(parties=party_id).values("pk")
        out = out | Q(body__collaboration__in=prepared)
    return Meeting.objects.filter(out).values("pk")


def agenda_items_visible_to_party(party_id: int) -> Q:
    """For a party's committee (memos): the public items, and the closed items the party may see, of the
    meetings whose agenda is out or that the party prepares."""
    return (
        Q(is_public=True) | Q(meeting__in=CompiledSubquery(meetings_with_closed_items_of_party, party_id))
    ) & Q(meeting__in=CompiledSubquery(meetings_with_agenda_out_to_party, party_id))


# The rules below use these subqueries compiled to SQL once per party or person (klynge.kernel.compiled):
# building and compiling them again for every query cost a logged-in reader's page some milliseconds of
# Python per query that shows items. Their SQL holds the party's or person's id and reads everything else
# (participations, memberships, substitutions, meetings) when it runs, so it is right for every viewer
# with that id, whatever has changed since; a viewer whose party or role changes gets another key.


def _meetings_with_closed_items_visible(user: Any) -> CompiledSubquery | bool:
    """The meetings whose closed items the user may see (as ids), or True for all, False for none."""
    if is_administrator(user):
        return True
    party_id = editor_party_id(user)
    if party_id is not None:
        return CompiledSubquery(meetings_with_closed_items_of_party, party_id)
    person_id = member_person_id(user)
    if person_id is not None:
        return CompiledSubquery(meetings_with_closed_items_of_member, person_id)
    return False


def visibility_key(user: Any) -> tuple[Any, ...]:
    """Everything the rules here read from the user: two users with the same key get the same
    conditions (item_fields_condition, closed_meeting_condition), so a compiled condition may be kept
    by this key (klynge.search keeps its SQL). A rule that comes to read more from the user adds it here."""
    return (is_administrator(user), editor_party_id(user), member_person_id(user))


def visible_items_condition(user: Any = None, *, path: str = "") -> Q:
    """The rule as a condition on the agenda item at `path` from the records filtered ("" for the item
    itself): public, or of a meeting whose closed items the user may see. A condition on the joined item,
    not "id in the visible ids", so the database never tests a row against the whole visible list."""
    prefix = f"{path}__" if path else ""
    return item_fields_condition(
        user, present=f"{prefix}pk", is_public=f"{prefix}is_public", meeting=f"{prefix}meeting"
    )


def item_fields_condition(user: Any, *, present: str, is_public: str, meeting: str) -> Q:
    """The same rule on fields that hold an agenda item's `is_public` and `meeting` (the item's own, or
    copies of them, as in the search index); `present` is a field that is null where there is no item
    (where there is none, `is_public` must be false and `meeting` null)."""
    closed = _meetings_with_closed_items_visible(user)
    if closed is True:
        return Q(**{f"{present}__isnull": False})
    public = Q(**{is_public: True})
    shown = public if closed is False else public | Q(**{f"{meeting}__in": closed})
    out = CompiledSubquery(meetings_with_agenda_out_to_party, editor_party_id(user))
    return shown & Q(**{f"{meeting}__in": out})


def visible_agenda_items(user: Any = None) -> VisibleItems:
    """The ids of the agenda items the user may see, as a subquery (no query of its own)."""
    return AgendaItem.objects.filter(visible_items_condition(user)).values("pk")


def public_agenda_items() -> VisibleItems:
    return visible_agenda_items(None)


# Records that are as closed as the agenda item they belong to, and the path to that item's id.
ITEM_PATH = {
    "meetings.agendaitem": "pk",
    "meetings.decision": "agenda_item",
    "meetings.reportedfigure": "agenda_item",
    "agendas.minutesentry": "agenda_item",
}


def restrict_to_visible(queryset: QuerySet[Any], visible: VisibleItems | None) -> QuerySet[Any]:
    """Filter any queryset whose records follow an agenda item's visibility; others pass unchanged."""
    path = ITEM_PATH.get(queryset.model._meta.label_lower)
    if path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": public_agenda_items() if visible is None else visible})


# ---- Who may prepare meetings ------------------------------------------------------------------------
# Those who may change a collaboration's records (klynge.bodies.access) prepare its bodies' meetings.

NO_BODY_TO_MEET = "Du kan kun oprette møder i samarbejder, din part deltager i."


def bodies_open_for_new_meetings(user: Any) -> QuerySet[Body]:
    """The bodies the user may add meetings to: those of the collaborations whose records they may change."""
    return (
        Body.objects.filter(collaboration__in=editable_collaborations(user))
        .select_related("collaboration")
        .order_by("collaboration__name", "name")
    )


def ensure_meeting_create(user: Any) -> QuerySet[Body]:
    """The bodies the user may add meetings to; refused (403) if there are none."""
    bodies = bodies_open_for_new_meetings(user)
    if not bodies.exists():
        raise PermissionDenied(NO_BODY_TO_MEET)
    return bodies


def ensure_meeting_edit(user: Any, meeting: Meeting) -> None:
    """Refuse (403) anyone who may not change the meeting, its agenda, decisions and attendance."""
    ensure_collaboration_edit(user, meeting.body.collaboration)


# ---- The secretariat, and proposals for the agenda ---------------------------------------------------
# A collaboration's secretariat is the party it is anchored with (`host_party`), or the host party of a
# secretariat that spans it (the demo's KK-klyngesekretariatet runs the Copenhagen clusters). Without
# either, every party taking part acts as its secretariat, as before proposals existed. The secretariat's
# editors accept or reject the parties' proposals and may add items after the submission deadline.
# A proposal is seen only by its party's editors and the secretariat (and administrators).

NOT_SECRETARIAT = "Kun samarbejdets sekretariat kan optage eller afvise forslag til dagsordenen."
NO_PROPOSAL_RIGHT = "Du kan kun foreslå punkter til møder i samarbejder, din part deltager i."


def collaborations_run_by_party(party_id: int) -> QuerySet[Collaboration, Any]:
    """The collaborations whose secretariat the party is (as ids, for a subquery)."""
    spanning_secretariat = Collaboration.objects.filter(
        kind=CollaborationKind.SECRETARIAT, spans=OuterRef("pk"), host_party__isnull=False
    )
    runs_spanning = Collaboration.objects.filter(
        kind=CollaborationKind.SECRETARIAT, spans=OuterRef("pk"), host_party=party_id
    )
    no_secretariat = Q(host_party__isnull=True) & ~Exists(spanning_secretariat)
    return Collaboration.objects.filter(
        Q(host_party=party_id) | Exists(runs_spanning) | (no_secretariat & Q(parties=party_id))
    ).values("pk")


def access_meeting_secretariat(user: Any, meeting: Meeting) -> bool:
    """May the user act as the secretariat of the meeting's collaboration?"""
    if is_administrator(user):
        return True
    party_id = editor_party_id(user)
    if party_id is None:
        return False
    return collaborations_run_by_party(party_id).filter(pk=meeting.body.collaboration_id).exists()


def ensure_meeting_secretariat(user: Any, meeting: Meeting) -> None:
    if not access_meeting_secretariat(user, meeting):
        raise PermissionDenied(NOT_SECRETARIAT)


def access_proposal_create(user: Any, meeting: Meeting) -> bool:
    """May the user propose items for the meeting: an editor of a party taking part in its collaboration
    (or an administrator), for a meeting that is still planned."""
    if meeting.status != MeetingStatus.PLANNED:
        return False
    return access_collaboration_edit(user, meeting.body.collaboration)


def ensure_proposal_create(user: Any, meeting: Meeting) -> None:
    if not access_proposal_create(user, meeting):
        raise PermissionDenied(NO_PROPOSAL_RIGHT)


def proposals_visible_condition(user: Any, *, path: str = "") -> Q:
    """The proposals the user may see, as a condition on the proposal at `path` ("" for itself): an
    administrator all; a party's editor their party's, and all of those to meetings their party is the
    secretariat of; everyone else none."""
    prefix = f"{path}__" if path else ""
    if is_administrator(user):
        return Q(**{f"{prefix}pk__isnull": False})
    party_id = editor_party_id(user)
    if party_id is None:
        return Q(**{f"{prefix}pk__in": []})
    return Q(**{f"{prefix}party": party_id}) | Q(
        **{
            f"{prefix}meeting__body__collaboration__in": CompiledSubquery(
                collaborations_run_by_party, party_id
            )
        }
    )


def visible_proposals(user: Any) -> QuerySet[AgendaItemProposal]:
    return AgendaItemProposal.objects.filter(proposals_visible_condition(user))


def access_proposal_withdraw(user: Any, proposal: AgendaItemProposal) -> bool:
    """The proposing party's editors may withdraw an open proposal (so may administrators)."""
    if not proposal.is_open:
        return False
    return is_administrator(user) or editor_party_id(user) == proposal.party_id


def access_proposal_edit(user: Any, proposal: AgendaItemProposal) -> bool:
    """The proposing party's editors (and the secretariat) may change an open proposal and its attachments."""
    if not proposal.is_open:
        return False
    return access_proposal_withdraw(user, proposal) or access_meeting_secretariat(user, proposal.meeting)


def closed_meeting_condition(user: Any, *, path: str) -> Q:
    """Whether the user may read the closed records of the meeting at `path` (as a condition): the same
    rule as for its closed agenda items."""
    closed = _meetings_with_closed_items_visible(user)
    if closed is True:
        return Q(**{f"{path}__isnull": False})
    if closed is False:
        return Q(**{f"{path}__in": []})
    return Q(**{f"{path}__in": closed})


def access_meeting_proposals(user: Any, meeting: Meeting) -> bool:
    """May the user see proposals for the meeting at all (their party's, or all as its secretariat)?"""
    return access_collaboration_edit(user, meeting.body.collaboration)


def ensure_proposal_view(user: Any, meeting: Meeting) -> None:
    if not access_meeting_proposals(user, meeting):
        raise PermissionDenied(NO_PROPOSAL_RIGHT)
