"""The status memo of seed 001, drafted from the demo records with the memo's own metadata, and finalised.

The metadata (date 11 December 2023, Edoc 2023-0476658, F2 2023 - 21613, case handler Melissa Holmes,
for Sundheds- og Omsorgsudvalget's meeting on 14 December 2023) are those of the source memo.
The orientation memo of seed 000 is not recorded as a memo: its date is not in the source.

One item is flagged "til orientering" for Børne- og Ungdomsudvalget and waits for its next memo: the status
of the decided initiatives at Sundhedsklynge Syd on 16 November 2023 (seed 001), which includes "Den gode
start på livet" (the joint breastfeeding initiative) — the transition between hospital and municipality
for families with newborns that seed 000 names as a topic of the committee. The flag itself is a
demonstration of the workflow: the seeds do not say that anyone flagged the item.
"""

import datetime

from klynge.meetings.models import AgendaItem
from klynge.memos.models import CommitteeReferral, Memo, MemoKind
from klynge.memos.services import memo_draft, memo_finalise, referral_create
from klynge.organisation.models import Committee

REFERRAL_NOTE = (
    "Status på indsatsen »Den gode start på livet« (fælles ammeindsats) vedrører overgangen mellem hospital "
    "og kommune for familier med nyfødte, som Børne- og Ungdomsudvalget følger."
)


def create_memos() -> list[Memo]:
    committee = Committee.objects.get(code="SOU")
    memo = memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
        case_handler="Melissa Holmes",
        case_numbers={"edoc": "2023-0476658", "f2": "2023 - 21613"},
    )
    return [memo_finalise(memo=memo)]


def create_referrals() -> list[CommitteeReferral]:
    """After the memos: the flagged item is pending for BUU, whose next memo has not been drafted."""
    item = AgendaItem.objects.get(
        meeting__date=datetime.date(2023, 11, 16),
        meeting__body__name="Politisk sundhedsklynge Syd",
        title="Status på de politisk besluttede indsatser",
    )
    return [
        referral_create(committee=Committee.objects.get(code="BUU"), agenda_item=item, note=REFERRAL_NOTE)
    ]
