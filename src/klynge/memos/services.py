"""Writes for memos: draft from the records, edit, finalise (freeze), draft a new version."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from klynge.kernel.records import ensure_unchanged_since
from klynge.meetings.access import agenda_items_visible_to_party
from klynge.meetings.models import AgendaItem, Decision
from klynge.memos import selectors
from klynge.memos.content import (
    CLOSED_MARK,
    ClosedPassage,
    body_to_markdown,
    closed_item_ids,
    markdown_to_body,
    without_closed_passages,
)
from klynge.memos.drafting.orientation import OrientationMemoRequest, draft_orientation
from klynge.memos.drafting.referrals import referrals_section
from klynge.memos.drafting.status import StatusMemoRequest, draft_status
from klynge.memos.models import CaseNumberKind, CommitteeReferral, Memo, MemoCaseNumber, MemoKind, MemoStatus
from klynge.organisation.models import Committee

# Without an earlier status memo to continue from, a status memo covers this many weeks.
DEFAULT_STATUS_PERIOD_WEEKS = 8
FINAL_MEMO_IS_LOCKED = "Notatet er endeligt og kan ikke ændres. Opret en ny version for at rette i det."


def status_memo_period(
    *,
    committee: Committee,
    meeting_date: datetime.date,
    memo_date: datetime.date,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The period a status memo covers: as chosen, else since the committee's previous status memo."""
    end = period_end or memo_date
    if period_start is None:
        previous = selectors.previous_final_status_memo(committee=committee, before=meeting_date)
        if previous is not None and previous.period_end is not None:
            period_start = previous.period_end + datetime.timedelta(days=1)
        else:
            period_start = end - datetime.timedelta(weeks=DEFAULT_STATUS_PERIOD_WEEKS)
    if period_start > end:
        raise ValidationError({"period_start": "Perioden starter efter, at den slutter."})
    return period_start, end


def _set_case_numbers(memo: Memo, case_numbers: Mapping[str, str]) -> None:
    kinds = {k.code: k for k in CaseNumberKind.objects.filter(code__in=list(case_numbers))}
    unknown = sorted(set(case_numbers) - set(kinds))
    if unknown:
        known = ", ".join(CaseNumberKind.objects.order_by("position").values_list("code", flat=True))
        raise ValidationError(
            {
                "case_numbers": f"Ukendt sagsnummertype: {', '.join(unknown)}. Kendte typer: {known or 'ingen'}."
            }
        )
    memo.case_numbers.all().delete()
    MemoCaseNumber.objects.bulk_create(
        [
            MemoCaseNumber(memo=memo, kind=kinds[code], number=number.strip())
            for code, number in case_numbers.items()
            if number.strip()
        ]
    )


def memo_draft(
    *,
    committee: Committee,
    kind: MemoKind,
    meeting_date: datetime.date | None = None,
    memo_date: datetime.date | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    case_handler: str = "",
    case_numbers: Mapping[str, str] | None = None,
) -> Memo:
    """Draft a memo for a committee from the records and save it as a draft."""
    if memo_date is None:
        today = timezone.localdate()
        memo_date = min(today, meeting_date) if meeting_date else today
    start: datetime.date | None
    end: datetime.date | None
    if kind == MemoKind.STATUS:
        if meeting_date is None:
            raise ValidationError({"committee_meeting_date": "Et statusnotat skal have udvalgets mødedato."})
        start, end = status_memo_period(
            committee=committee,
            meeting_date=meeting_date,
            memo_date=memo_date,
            period_start=period_start,
            period_end=period_end,
        )
        document = draft_status(
            StatusMemoRequest(
                committee=committee,
                meeting_date=meeting_date,
                memo_date=memo_date,
                period_start=start,
                period_end=end,
            )
        )
    else:
        start, end = period_start, period_end
        document = draft_orientation(OrientationMemoRequest(committee=committee, memo_date=memo_date))
    referrals = selectors.pending_referrals_for_memo(committee=committee)
    if (section := referrals_section(referrals, memo_date.year)) is not None:
        document.sections.append(section)
    with transaction.atomic():
        memo = Memo(
            committee=committee,
            kind=kind,
            title=document.title,
            memo_date=memo_date,
            committee_meeting_date=meeting_date,
            period_start=start,
            period_end=end,
            case_handler=case_handler,
            body=body_to_markdown(document.intro, document.sections),
        )
        memo.full_clean()
        memo.save()
        memo.closed_items.set(closed_item_ids(document.intro, document.sections))
        # The draft names the flagged items it brings; only finalising it marks them included.
        memo.drafted_referrals.set(referrals)
        _set_case_numbers(memo, case_numbers or {})
    return memo


def _closed_items_of_body(memo: Memo, body: str) -> set[int]:
    """The closed items the edited text marks, checked: a passage names the closed item it comes from,
    and an editor can only mark items the committee's party may read. Items already on the memo pass."""
    intro, sections = markdown_to_body(body)
    blocks = [*intro, *(b for s in sections for b in s.blocks)]
    if any(isinstance(b, ClosedPassage) and not b.item_ids for b in blocks):
        raise ValidationError(
            {
                "body": f"En lukket passage skal angive, hvilket lukket punkt den stammer fra, "
                f"fx '::: {CLOSED_MARK} 17'."
            }
        )
    marked = closed_item_ids(intro, sections)
    new = marked - set(memo.closed_items.values_list("pk", flat=True))
    if new:
        readable = set(
            AgendaItem.objects.filter(agenda_items_visible_to_party(memo.committee.party_id), pk__in=new)
            .filter(is_public=False)
            .values_list("pk", flat=True)
        )
        if unknown := sorted(new - readable):
            raise ValidationError(
                {
                    "body": "Teksten markerer passager fra punkter, som ikke er lukkede punkter, udvalgets "
                    f"part kan læse: {', '.join(str(i) for i in unknown)}."
                }
            )
    return marked


def _lock_draft(memo: Memo) -> Memo:
    locked = Memo.objects.select_for_update().get(pk=memo.pk)
    if locked.is_final:
        raise ValidationError(FINAL_MEMO_IS_LOCKED)
    return locked


def memo_update(
    *,
    memo: Memo,
    title: str | None = None,
    body: str | None = None,
    memo_date: datetime.date | None = None,
    case_handler: str | None = None,
    case_numbers: Mapping[str, str] | None = None,
    seen_version: int | None = None,
) -> Memo:
    """Edit a draft. With seen_version (from record_version when the editor opened it), a save based
    on an outdated copy is refused instead of silently overwriting someone else's changes."""
    with transaction.atomic():
        memo = _lock_draft(memo)
        ensure_unchanged_since(memo, seen_version)
        if title is not None:
            memo.title = title.strip()
        marked: set[int] = set()
        if body is not None:
            memo.body = body.replace("\r\n", "\n")
            marked = _closed_items_of_body(memo, memo.body)
        if memo_date is not None:
            memo.memo_date = memo_date
        if case_handler is not None:
            memo.case_handler = case_handler.strip()
        memo.full_clean()
        memo.save()
        # A memo stays closed once it has drawn on a closed item: deleting the passage, or its mark, in
        # a draft leaves the text in the history. memo_public_version makes the public memo.
        memo.closed_items.add(*marked)
        if case_numbers is not None:
            _set_case_numbers(memo, case_numbers)
    return memo


def memo_finalise(*, memo: Memo) -> Memo:
    """Freeze the memo: its text is kept exactly as it is now. The flagged items its draft brought, and
    that no other memo has included meanwhile, are now included: they leave the committee's list."""
    with transaction.atomic():
        memo = _lock_draft(memo)
        memo.status = MemoStatus.FINAL
        memo.finalised_at = timezone.now()
        memo.full_clean()
        memo.save()
        included = list(
            CommitteeReferral.objects.select_for_update().filter(drafted_in=memo, included_in__isnull=True)
        )
        for referral in included:
            referral.included_in = memo
        bulk_update_with_history(included, CommitteeReferral, ["included_in"])
    return memo


def memo_new_version(*, memo: Memo) -> Memo:
    """Draft a new version from a final memo, with the same text and metadata."""
    with transaction.atomic():
        memo = Memo.objects.select_for_update().get(pk=memo.pk)
        if not memo.is_final:
            raise ValidationError("Kun et endeligt notat kan få en ny version; ret blot i kladden.")
        if Memo.objects.filter(previous_version=memo).exists():
            raise ValidationError("Der findes allerede en nyere version af notatet.")
        new = _draft_copy(
            memo,
            body=memo.body,
            version=memo.version + 1,
            previous_version=memo,
            public_version_of=memo.public_version_of,
        )
        new.closed_items.set(memo.closed_items.all())
    return new


def _draft_copy(memo: Memo, **changes: object) -> Memo:
    """A new draft with the memo's metadata and case numbers, and the changes given."""
    copy = Memo(
        committee=memo.committee,
        kind=memo.kind,
        title=memo.title,
        memo_date=memo.memo_date,
        committee_meeting_date=memo.committee_meeting_date,
        period_start=memo.period_start,
        period_end=memo.period_end,
        case_handler=memo.case_handler,
        **changes,
    )
    copy.full_clean()
    copy.save()
    MemoCaseNumber.objects.bulk_create(
        [MemoCaseNumber(memo=copy, kind=c.kind, number=c.number) for c in memo.case_numbers.all()]
    )
    return copy


def memo_public_version(*, memo: Memo) -> Memo:
    """Draft the public version of a closed memo: the same memo with every closed passage left out.

    It is a memo of its own (a draft, linked to the closed one), so the closed memo keeps its audience
    and its history, and the public one starts with a history that never held a closed passage."""
    with transaction.atomic():
        memo = Memo.objects.select_for_update().get(pk=memo.pk)
        if not memo.closed_items.exists():
            raise ValidationError(
                "Notatet har ingen lukkede passager; det kan ses af alle, når det er endeligt."
            )
        if Memo.objects.filter(public_version_of=memo, status=MemoStatus.DRAFT).exists():
            raise ValidationError("Der findes allerede en kladde til den offentlige version af notatet.")
        intro, sections = without_closed_passages(*markdown_to_body(memo.body))
        if not intro and not sections:
            raise ValidationError("Notatet består kun af lukkede passager, så der er intet at offentliggøre.")
        return _draft_copy(memo, body=body_to_markdown(intro, sections), public_version_of=memo)


def case_number_kind_create(*, code: str, label: str, position: int = 0) -> CaseNumberKind:
    kind = CaseNumberKind(code=code, label=label, position=position)
    kind.full_clean()
    kind.save()
    return kind


# ---- Items flagged for a committee (til orientering) -------------------------------------------------


def referral_create(
    *,
    committee: Committee,
    agenda_item: AgendaItem,
    decision: Decision | None = None,
    note: str = "",
    flagged_by: Any = None,
) -> CommitteeReferral:
    """Mark an agenda item, or a decision on it, for the committee's next memo. The same item (or
    decision) is pending for a committee once at a time."""
    with transaction.atomic():
        pending = CommitteeReferral.objects.filter(
            committee=committee, agenda_item=agenda_item, decision=decision, included_in__isnull=True
        )
        if pending.exists():
            what = "Beslutningen" if decision is not None else "Punktet"
            raise ValidationError({"committee": f"{what} er allerede til orientering for {committee.name}."})
        referral = CommitteeReferral(
            committee=committee,
            agenda_item=agenda_item,
            decision=decision,
            note=note.strip(),
            flagged_by=flagged_by if getattr(flagged_by, "pk", None) else None,
        )
        referral.full_clean(validate_constraints=False)
        referral.save()
    return referral


def referral_withdraw(*, referral: CommitteeReferral) -> None:
    """Take back a mark no final memo has included (a draft that brought it keeps its text)."""
    with transaction.atomic():
        locked = CommitteeReferral.objects.select_for_update().filter(pk=referral.pk).first()
        if locked is None:
            return
        if not locked.is_pending:
            raise ValidationError(
                "Punktet er allerede medtaget i et endeligt notat og kan ikke trækkes tilbage."
            )
        locked.drafted_in.clear()
        locked.delete()
