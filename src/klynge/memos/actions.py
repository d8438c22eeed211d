"""The named writes on memos, shared by the pages and the API.

Each write is one path whatever the caller: its Danish form (in `forms.py`) turns input into arguments,
the function here calls the service with them, and the service holds the rules. The pages and the API
differ only in how input arrives and how the answer is shown.
"""

from collections.abc import Mapping
from typing import Any

from klynge.kernel.records import record_version
from klynge.memos.forms import CASE_NUMBER_PREFIX
from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft, memo_update


def memo_initial(memo: Memo) -> dict[str, Any]:
    """A draft's current values as its edit form takes them (the starting point of a change)."""
    return {
        "title": memo.title,
        "memo_date": memo.memo_date,
        "case_handler": memo.case_handler,
        "body": memo.body,
        "seen_version": record_version(memo),
        **{f"{CASE_NUMBER_PREFIX}{c.kind.code}": c.number for c in memo.case_numbers.all()},
    }


def memo_draft_from(data: dict[str, Any], case_numbers: Mapping[str, str]) -> Memo:
    """Draft a memo from the draft form's cleaned data and its case numbers (`forms.case_numbers_from`)."""
    return memo_draft(
        committee=data["committee"],
        kind=MemoKind(data["kind"]),
        meeting_date=data["meeting_date"],
        memo_date=data["memo_date"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        case_handler=data["case_handler"],
        case_numbers=case_numbers,
    )


def memo_update_from(memo: Memo, data: dict[str, Any], case_numbers: Mapping[str, str]) -> Memo:
    """Save the edit form's cleaned data and case numbers to a draft (refused if final or stale)."""
    return memo_update(
        memo=memo,
        title=data["title"],
        body=data["body"],
        memo_date=data["memo_date"],
        case_handler=data["case_handler"],
        case_numbers=case_numbers,
        seen_version=data["seen_version"],
    )
