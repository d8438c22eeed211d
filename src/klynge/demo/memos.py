"""The status memo of seed 001, drafted from the demo records with the memo's own metadata, and finalised.

The metadata (date 11 December 2023, Edoc 2023-0476658, F2 2023 - 21613, case handler Melissa Holmes,
for Sundheds- og Omsorgsudvalget's meeting on 14 December 2023) are those of the source memo.
The orientation memo of seed 000 is not recorded as a memo: its date is not in the source.
"""

import datetime

from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee


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
