"""Writes for memos: draft from the records, edit, finalise (freeze), draft a new version."""

import datetime
from collections.abc import Mapping
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image
from simple_history.utils import bulk_update_with_history

from klynge.kernel.records import ensure_unchanged_since
from klynge.meetings.access import agenda_items_visible_to_party
from klynge.meetings.models import AgendaItem, Decision
from klynge.memos import selectors
from klynge.memos.content import (
    CLOSED_MARK,
    ClosedPassage,
    MemoDocument,
    Paragraph,
    body_to_markdown,
    closed_item_ids,
    markdown_to_body,
    plain,
    without_closed_passages,
)
from klynge.memos.drafting.orientation import OrientationMemoRequest, draft_orientation
from klynge.memos.drafting.referrals import referrals_section
from klynge.memos.drafting.status import StatusMemoRequest, draft_status
from klynge.memos.models import (
    CaseNumberKind,
    CommitteeReferral,
    Memo,
    MemoCaseNumber,
    MemoKind,
    MemoStatus,
    MemoTemplate,
)
from klynge.memos.rendering.docx import render_docx
from klynge.organisation.models import Committee, Party

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
    referrals = selectors.pending_referrals_for_memo(committee=committee, memo_date=memo_date)
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


# ---- A party's memo template (letterhead) ------------------------------------------------------------

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024


def _checked_logo(content: bytes) -> str:
    """The logo's file suffix, if it is a PNG or JPEG image within the size limit; else a refusal."""
    if len(content) > MAX_LOGO_BYTES:
        raise ValidationError({"logo": "Logoet må højst fylde 2 MB."})
    try:
        with Image.open(BytesIO(content)) as image:
            image.verify()
            kind = image.format
    except Exception as error:
        raise ValidationError({"logo": "Logoet kan ikke læses som et billede (PNG eller JPEG)."}) from error
    if kind not in ("PNG", "JPEG"):
        raise ValidationError({"logo": "Logoet skal være et PNG- eller JPEG-billede."})
    return "png" if kind == "PNG" else "jpg"


def _checked_template(content: bytes, logo: bytes | None) -> None:
    """The template must make a memo: it is tried on a sample memo before it is kept, so a broken
    template is refused here rather than failing every later download."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError({"template": "Skabelonen må højst fylde 5 MB."})
    sample = MemoDocument(
        title="Prøve på notatskabelonen",
        recipient="Til udvalget",
        metadata=[("Dato", "14. december 2023"), ("Sagsbehandler", "Prøve")],
        intro=[Paragraph(plain("Et afsnit."))],
        party="Part",
        administration="Forvaltning",
        logo=logo,
        word_template=content,
    )
    try:
        render_docx(sample)
    except Exception as error:
        raise ValidationError(
            {
                "template": f"Skabelonen kan ikke bruges til et notat ({type(error).__name__}). Tag udgangspunkt i standardskabelonen."
            }
        ) from error


def memo_template_set(
    *,
    party: Party,
    template: bytes | None = None,
    logo: bytes | None = None,
    clear_template: bool = False,
    clear_logo: bool = False,
) -> MemoTemplate:
    """Set (or clear) the party's Word template and logo; what is not sent is kept. A template is tried
    on a sample memo first, a logo must be a PNG or JPEG image."""
    with transaction.atomic():
        record = MemoTemplate.objects.select_for_update().filter(party=party).first() or MemoTemplate(
            party=party
        )
        if logo is not None:
            suffix = _checked_logo(logo)
        current_logo = logo if logo is not None else (None if clear_logo else _file_bytes(record.logo))
        if template is not None:
            _checked_template(template, current_logo)
        # Replaced and cleared files stay in the storage: the history still names them.
        if clear_template:
            record.template = ""
        if clear_logo:
            record.logo = ""
        if template is not None:
            record.template.save("skabelon.docx", ContentFile(template), save=False)
        if logo is not None:
            record.logo.save(f"logo.{suffix}", ContentFile(logo), save=False)
        record.full_clean()
        record.save()
    return record


def _file_bytes(file: Any) -> bytes | None:
    if not file:
        return None
    try:
        with file.open("rb") as handle:
            return bytes(handle.read())
    except OSError:
        return None
