"""Reads for drafting and listing memos, each a fixed number of queries whatever the data size."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from klynge.bodies.models import Collaboration, CollaborationKind, Membership, Participation, Substitution
from klynge.kernel.validity import active_on
from klynge.meetings.access import agenda_items_visible_to_party
from klynge.meetings.models import AgendaItem, Decision, Meeting, MeetingStatus, ReportedFigure
from klynge.memos.models import CaseNumberKind, CommitteeReferral, Memo, MemoCaseNumber, MemoKind, MemoStatus
from klynge.organisation.models import AuthorityArea, Committee, Party
from klynge.work.models import Allocation, FocusArea, FocusAreaStatus, Initiative, TrialAction


def committee_get_by_code(*, code: str) -> Committee | None:
    return Committee.objects.select_related("party", "administration").filter(code__iexact=code).first()


def _agenda_items(party: Party) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(agenda_items_visible_to_party(party.pk))
        .distinct()
        .order_by("position")
        .prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.order_by("pk")),
            Prefetch(
                "focus_areas_decided",
                queryset=FocusArea.objects.order_by("pk").prefetch_related(
                    "follow_up_research", "collaborations"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.order_by("pk").prefetch_related(
                    Prefetch("approved_initiatives", queryset=Initiative.objects.order_by("pk")),
                    Prefetch("approved_trial_actions", queryset=TrialAction.objects.order_by("position")),
                    Prefetch(
                        "allocations",
                        queryset=Allocation.objects.select_related(
                            "fund", "focus_area", "initiative"
                        ).order_by("pk"),
                    ),
                ),
            ),
            Prefetch(
                "reported_figures", queryset=ReportedFigure.objects.select_related("area").order_by("pk")
            ),
        )
    )


# Higher tiers come first in a status memo: the region-wide committee, then the clusters.
TIER = {
    CollaborationKind.HEALTH_COLLABORATION_COMMITTEE: 0,
    CollaborationKind.HEALTH_COUNCIL: 1,
    CollaborationKind.CLUSTER: 1,
    CollaborationKind.COORDINATION_FORUM: 2,
    CollaborationKind.SECRETARIAT: 3,
}


def status_memo_meetings(*, party: Party, start: datetime.date, end: datetime.date) -> list[Meeting]:
    """Held meetings in the period of every body the party takes part in, in memo order."""
    meetings = list(
        Meeting.objects.filter(
            body__collaboration__parties=party, status=MeetingStatus.HELD, date__gte=start, date__lte=end
        )
        .distinct()
        .select_related("body__collaboration")
        .prefetch_related(
            "body__collaboration__hospitals",
            Prefetch("agenda_items", queryset=_agenda_items(party)),
        )
    )
    meetings.sort(key=lambda m: (TIER.get(CollaborationKind(m.body.collaboration.kind), 9), m.date, m.pk))
    return meetings


def planned_meetings_after(
    *, body_ids: list[int], after: datetime.date, until: datetime.date
) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            body_id__in=body_ids, status=MeetingStatus.PLANNED, date__gt=after, date__lte=until
        )
        .select_related("body__collaboration")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position")))
        .order_by("date")
    )


def previous_final_status_memo(*, committee: Committee, before: datetime.date) -> Memo | None:
    return (
        Memo.objects.filter(
            committee=committee,
            kind=MemoKind.STATUS,
            status=MemoStatus.FINAL,
            period_end__isnull=False,
            # A memo for this same committee meeting is a version of the one being drafted, not its predecessor.
            committee_meeting_date__lt=before,
        )
        .order_by("-committee_meeting_date", "-period_end")
        .first()
    )


def _clusters_and_councils_on(party: Party, on: datetime.date) -> QuerySet[Collaboration]:
    """The clusters and councils the party takes part in on the day: one that has ended, or not yet
    begun, is not among them."""
    took_part = Participation.objects.filter(
        active_on(on, "start", "end"), party=party, collaboration=OuterRef("pk")
    )
    return Collaboration.objects.filter(
        active_on(on),
        Exists(took_part),
        kind__in=[CollaborationKind.CLUSTER, CollaborationKind.HEALTH_COUNCIL],
    )


def orientation_collaborations(*, party: Party, on: datetime.date) -> list[Collaboration]:
    """Clusters and councils the party takes part in on the day, with their bodies, members and
    substitutes."""
    return list(
        _clusters_and_councils_on(party, on)
        .order_by("valid_from", "name")
        .prefetch_related(
            "hospitals",
            "bodies",
            "bodies__seats",
            Prefetch(
                "bodies__memberships",
                queryset=Membership.objects.select_related("person", "party").order_by("start", "pk"),
            ),
            Prefetch(
                "bodies__memberships__substitutions",
                queryset=Substitution.objects.select_related("substitute").order_by("pk"),
            ),
        )
    )


def spanning_collaborations(*, party: Party, kind: CollaborationKind) -> list[Collaboration]:
    return list(
        Collaboration.objects.filter(Q(parties=party) | Q(host_party=party), kind=kind)
        .distinct()
        .order_by("name")
        .prefetch_related("spans", "administrations", "parties")
    )


def authority_areas() -> list[AuthorityArea]:
    return list(AuthorityArea.objects.select_related("topic", "party").order_by("topic__name"))


def relevant_focus_areas(*, party: Party, topic_ids: list[int], on: datetime.date) -> list[FocusArea]:
    """The focus areas on the topics of the clusters and councils the party takes part in on the day."""
    return list(
        FocusArea.objects.filter(
            collaborations__in=_clusters_and_councils_on(party, on), topics__in=topic_ids
        )
        .exclude(status=FocusAreaStatus.CLOSED)
        .distinct()
        .select_related("decided_at__meeting__body")
        .prefetch_related("collaborations")
        .order_by("decided_at__meeting__date", "pk")
    )


def relevant_theme_discussions(*, party: Party, topic_ids: list[int]) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(
            agenda_items_visible_to_party(party.pk),
            meeting__body__collaboration__parties=party,
            meeting__body__collaboration__kind__in=[
                CollaborationKind.CLUSTER,
                CollaborationKind.HEALTH_COUNCIL,
            ],
            kind="theme_discussion",
            topics__in=topic_ids,
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .distinct()
        .select_related("meeting__body__collaboration")
        .order_by("meeting__date", "position")
    )


def memo_list(*, visible: Q, committee: Committee | None = None) -> QuerySet[Memo]:
    memos = Memo.objects.filter(visible).select_related("committee")
    if committee is not None:
        memos = memos.filter(committee=committee)
    return memos.order_by("-memo_date", "-version", "-pk")


def memo_detail(*, pk: int) -> Memo | None:
    return (
        Memo.objects.select_related(
            "committee__party__memo_template",
            "committee__administration",
            "previous_version",
            "public_version_of",
        )
        .prefetch_related(
            Prefetch("case_numbers", queryset=MemoCaseNumber.objects.select_related("kind")),
            Prefetch(
                "closed_items",
                queryset=AgendaItem.objects.select_related("meeting__body").order_by(
                    "meeting__date", "position"
                ),
            ),
            Prefetch("public_versions", queryset=Memo.objects.order_by("-version", "-pk")),
        )
        .filter(pk=pk)
        .first()
    )


def case_number_kinds() -> list[CaseNumberKind]:
    return list(CaseNumberKind.objects.order_by("position", "label"))


def committees_for_memos() -> QuerySet[Committee]:
    return Committee.objects.select_related("party").order_by("party__name", "name")


def memos_filtered(
    *,
    visible: Q,
    committee_id: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    topic: str | None = None,
) -> QuerySet[Memo]:
    """The memos the viewer may see, by committee, kind, status, memo date and the committee's topics."""
    memos = Memo.objects.filter(visible).select_related("committee", "committee__party")
    if committee_id is not None:
        memos = memos.filter(committee=committee_id)
    if kind:
        memos = memos.filter(kind=kind)
    if status:
        memos = memos.filter(status=status)
    if date_from is not None:
        memos = memos.filter(memo_date__gte=date_from)
    if date_to is not None:
        memos = memos.filter(memo_date__lte=date_to)
    if topic:
        memos = memos.filter(committee__in=Committee.objects.filter(topics__slug=topic).values("pk"))
    return memos.order_by("-memo_date", "-version", "-pk")


# ---- Items flagged for a committee (til orientering) -------------------------------------------------


def _referrals() -> QuerySet[CommitteeReferral]:
    return CommitteeReferral.objects.select_related(
        "committee__party", "agenda_item__meeting__body__collaboration", "decision", "included_in"
    ).order_by("agenda_item__meeting__date", "agenda_item__position", "pk")


def pending_referrals_for_memo(*, committee: Committee, memo_date: datetime.date) -> list[CommitteeReferral]:
    """The committee's referrals no final memo has included yet, of meetings held by the memo's date, and
    of the items its party may read (all of them when the committee's party took part, as the flag
    requires; participation dates may have changed since)."""
    return list(
        _referrals().filter(
            Q(agenda_item__in=AgendaItem.objects.filter(agenda_items_visible_to_party(committee.party_id))),
            committee=committee,
            included_in__isnull=True,
            agenda_item__meeting__date__lte=memo_date,
        )
    )


def pending_referrals(*, visible: Q, committees: QuerySet[Committee]) -> QuerySet[CommitteeReferral]:
    """The pending referrals to these committees the viewer may see (the memo screen)."""
    return _referrals().filter(visible, committee__in=committees.values("pk"), included_in__isnull=True)


def referrals_filtered(
    *,
    visible: Q,
    committee_id: int | None = None,
    meeting_id: int | None = None,
    pending: bool | None = None,
) -> QuerySet[CommitteeReferral]:
    referrals = _referrals().filter(visible)
    if committee_id is not None:
        referrals = referrals.filter(committee=committee_id)
    if meeting_id is not None:
        referrals = referrals.filter(agenda_item__meeting=meeting_id)
    if pending is not None:
        referrals = referrals.filter(included_in__isnull=pending)
    return referrals


def referral_detail(*, pk: int, visible: Q) -> CommitteeReferral | None:
    return _referrals().filter(visible, pk=pk).first()


def referral_committees(*, meeting: Meeting) -> QuerySet[Committee]:
    """The committees an item of the meeting may be marked for: those of the parties that took part in
    the meeting's collaboration on the meeting's day (so the party may read its closed items)."""
    took_part = Participation.objects.filter(
        Q(start__isnull=True) | Q(start__lte=meeting.date),
        Q(end__isnull=True) | Q(end__gte=meeting.date),
        collaboration=meeting.body.collaboration_id,
    ).values("party")
    return committees_for_memos().filter(party__in=took_part)


def parties_with_committees() -> QuerySet[Party]:
    """The parties that receive memos (those with committees), with their memo templates."""
    return (
        Party.objects.filter(pk__in=Committee.objects.values("party"))
        .select_related("memo_template")
        .order_by("name")
    )


def drafted_pending_referrals(*, memo: Memo) -> list[CommitteeReferral]:
    """The flagged items a draft brings that no final memo has included yet (they go when it is final)."""
    return list(
        CommitteeReferral.objects.filter(drafted_in=memo, included_in__isnull=True)
        .select_related("agenda_item")
        .order_by("agenda_item__meeting__date", "agenda_item__position", "pk")
    )
