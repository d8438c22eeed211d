"""The API of memos (notater) to the political committees: read what the caller may see.

Final memos are public documents; drafts are seen only by those who may write to the memo's committee
(`klynge.memos.access`), as on the pages — to anyone else a draft is "not found". The text is the memo's
Markdown; the rendered files (Word, PDF, HTML, Markdown) are the pages' own downloads.
"""

import datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import WRITE_ERRORS, error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import BodyId, Date, Id, Input, Slug, SlugRef, Version
from klynge.kernel.commands import UNSET
from klynge.kernel.records import StaleRecord, record_version
from klynge.memos import commands
from klynge.memos.access import memos_visible_to, referrals_visible_to
from klynge.memos.documents import FORMATS
from klynge.memos.models import CommitteeReferral, Memo, MemoKind, MemoStatus
from klynge.memos.selectors import memos_filtered, referrals_filtered

router = Router(tags=["Memos"])


class CommitteeRef(SlugRef):
    code: str = Field(description="The committee's short code, e.g. 'SOU'.")
    party: SlugRef


class MemoOut(Schema):
    id: int
    title: str
    kind: MemoKind
    status: MemoStatus
    version: int = Field(description="The memo's version: a new version is drafted from a final memo.")
    committee: CommitteeRef
    memo_date: datetime.date | None
    committee_meeting_date: datetime.date | None = Field(description="The committee meeting it is for.")
    period_start: datetime.date | None = Field(description="The period a status memo covers.")
    period_end: datetime.date | None
    public_version_of_id: int | None = Field(
        description="For the public version of a closed memo: the closed memo it was made from."
    )
    url: str

    @staticmethod
    def resolve_url(obj: Memo) -> str:
        return obj.get_absolute_url()


class CaseNumberOut(Schema):
    kind: str = Field(description="The kind's code, e.g. 'edoc' or 'f2'.")
    label: str = Field(description="The kind's name, e.g. 'Edoc-sagsnummer'.")
    number: str

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return str(obj.kind.code)

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.kind.label)


class DownloadOut(Schema):
    format: str = Field(description="docx, pdf, html or md.")
    content_type: str
    url: str


class MemoDetailOut(MemoOut):
    case_handler: str = Field(description="Sagsbehandler.")
    case_numbers: list[CaseNumberOut]
    text: str = Field(description="The memo's text in Markdown (paragraphs, '## ' headings, '- ' bullets).")
    previous_version_id: int | None
    finalised_at: datetime.datetime | None
    is_closed: bool = Field(
        description="A closed memo (lukket notat) draws on closed agenda items; it is shown only to those "
        "who may read every one of them. Its closed passages are fenced '::: lukket-punkt <item id>' in "
        "the text; POST /memos/{id}/public-version drafts the version without them."
    )
    downloads: list[DownloadOut] = Field(description="The memo rendered as files, from the app's pages.")
    record_version: int = Field(
        description="Send it back as `version` with a change to refuse it if someone saved meanwhile "
        "(not the memo's `version` number)."
    )

    @staticmethod
    def resolve_case_numbers(obj: Memo) -> list[Any]:
        return list(obj.case_numbers.all())

    @staticmethod
    def resolve_text(obj: Memo) -> str:
        return obj.body

    @staticmethod
    def resolve_is_closed(obj: Memo) -> bool:
        return bool(obj.closed_items.all())

    @staticmethod
    def resolve_record_version(obj: Memo) -> int:
        return record_version(obj)

    @staticmethod
    def resolve_downloads(obj: Memo) -> list[dict[str, str]]:
        return [
            {
                "format": name,
                "content_type": FORMATS[name][1],
                "url": reverse("memos:memo_download", args=[obj.pk, name]),
            }
            for name in sorted(FORMATS)
        ]


class MemoFilters(Input):
    committee: Id | None = None
    kind: MemoKind | None = None
    status: MemoStatus | None = None
    date_from: Date | None = Field(None, description="Memos dated on or after this date.")
    date_to: Date | None = Field(None, description="Memos dated on or before this date.")
    topic: Slug | None = Field(None, description="A topic's slug: memos to committees on that topic.")


@router.get("/memos", response={200: list[MemoOut], **error_responses(401, 422)}, auth=READ_AUTH)
@paginate(Pages)
def list_memos(request: HttpRequest, filters: Query[MemoFilters]) -> Any:
    """Memos to the committees, newest first: final ones, and drafts to those who may write them."""
    return memos_filtered(
        visible=memos_visible_to(request.user),
        committee_id=filters.committee,
        kind=filters.kind,
        status=filters.status,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )


@router.get(
    "/memos/{memo_id}", response={200: MemoDetailOut, **error_responses(401, 404, 422)}, auth=READ_AUTH
)
def get_memo(request: HttpRequest, memo_id: Id) -> Any:
    """A memo with its metadata, case numbers, text and the links to its rendered files."""
    return commands.visible_memo(request.user, memo_id)


# ---- Writes (editors of the committee's party, administrators) ---------------------------------------

CaseNumberCode = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=30)]
# Text is stripped as the pages' forms strip what is typed.
Stripped = StringConstraints(strip_whitespace=True)
CaseNumbers = Annotated[
    dict[CaseNumberCode, Annotated[str, Stripped, Field(max_length=1000)]],
    Field(max_length=20, description='Case numbers by their kind\'s code, e.g. {"edoc": "2023-0476658"}.'),
]
Title = Annotated[str, Stripped, Field(max_length=1000)]
CaseHandler = Annotated[str, Stripped, Field(max_length=1000)]
# Bounded so the largest body, JSON-escaped, stays within Django's request size limit (2.5 MB).
Text = Annotated[str, Stripped, Field(max_length=100_000)]


class MemoDraftIn(Input):
    committee: BodyId = Field(description="A committee of the caller's own party (any, for administrators).")
    kind: MemoKind
    meeting_date: Date | None = Field(None, description="The committee meeting; required for a status memo.")
    memo_date: Date | None = Field(None, description="Omit: today (or the meeting date, if earlier).")
    period_start: Date | None = Field(
        None, description="Omit: the day after the committee's previous status memo (or 8 weeks back)."
    )
    period_end: Date | None = Field(None, description="Omit: the memo's date.")
    case_handler: CaseHandler = ""
    case_numbers: CaseNumbers = Field(default_factory=dict)


class MemoChange(Input):
    version: Version | None = Field(
        None, description="The detail's `record_version` as you read it; omit to overwrite."
    )
    title: Title | None = None
    memo_date: Date | None = Field(None, description="null or omitted: unchanged.")
    case_handler: CaseHandler | None = None
    text: Text | None = Field(None, description="Markdown: paragraphs, '## ' headings, '- ' bullets.")
    case_numbers: CaseNumbers | None = Field(
        None, description="Only the kinds sent change; an empty number removes that kind's number."
    )


# The API's names for the fields the commands and services name otherwise.
API_FIELD_OF = {"body": "text", "seen_version": "version", "committee_meeting_date": "meeting_date"}


def _by_api_fields(error: ValidationError) -> ValidationError:
    """A refusal with its messages by the API's field names (as the page shows them by its form's)."""
    if isinstance(error, StaleRecord) or not hasattr(error, "error_dict"):
        return error
    return ValidationError({API_FIELD_OF.get(field, field): e for field, e in error.error_dict.items()})


@router.post("/memos", response={201: MemoDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def draft_memo(request: HttpRequest, payload: MemoDraftIn) -> Any:
    """Draft a memo to a committee from the records (as the page "Nyt notat" does), saved as a draft."""
    command = commands.MemoDraft(
        committee_id=payload.committee,
        kind=payload.kind,
        meeting_date=payload.meeting_date,
        memo_date=payload.memo_date,
        period_start=payload.period_start,
        period_end=payload.period_end,
        case_handler=payload.case_handler,
        case_numbers=payload.case_numbers,
    )
    try:
        memo = commands.memo_draft(actor=request.user, command=command)
    except ValidationError as error:
        raise _by_api_fields(error) from error
    return Status(201, commands.visible_memo(request.user, memo.pk))


@router.patch("/memos/{memo_id}", response={200: MemoDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_memo(request: HttpRequest, memo_id: Id, payload: MemoChange) -> Any:
    """Change a draft's title, date, case handler, case numbers or text. A final memo is refused (422):
    draft a new version to change it."""
    sent = payload.model_fields_set
    command = commands.MemoChange(
        memo_id=memo_id,
        seen_version=payload.version,
        title=UNSET if payload.title is None else payload.title,
        body=UNSET if payload.text is None else payload.text,
        memo_date=payload.memo_date if "memo_date" in sent else UNSET,
        case_handler=UNSET if payload.case_handler is None else payload.case_handler,
        case_numbers=UNSET if payload.case_numbers is None else payload.case_numbers,
    )
    try:
        commands.memo_change(actor=request.user, command=command)
    except ValidationError as error:
        raise _by_api_fields(error) from error
    return commands.visible_memo(request.user, memo_id)


@router.post("/memos/{memo_id}/finalise", response={200: MemoDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def finalise_memo(request: HttpRequest, memo_id: Id) -> Any:
    """Make a draft final: its text is frozen and it becomes readable to everyone — or, for a closed memo
    (`is_closed`), to those who may read every closed item it draws on (422 if it is final already)."""
    memo = commands.memo_finalise(actor=request.user, command=commands.MemoFinalise(memo_id=memo_id))
    return commands.visible_memo(request.user, memo.pk)


@router.post("/memos/{memo_id}/new-version", response={201: MemoDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def new_memo_version(request: HttpRequest, memo_id: Id) -> Any:
    """Draft the next version of a final memo, with its text and metadata (422 for a draft, or when a
    newer version exists); answers the new draft."""
    newer = commands.memo_new_version(actor=request.user, command=commands.MemoNewVersion(memo_id=memo_id))
    return Status(201, commands.visible_memo(request.user, newer.pk))


@router.post(
    "/memos/{memo_id}/public-version", response={201: MemoDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def public_memo_version(request: HttpRequest, memo_id: Id) -> Any:
    """Draft the public version of a closed memo: its text with every closed passage left out, as a new
    draft linked to it (422 if the memo has no closed passages, or a draft of its public version exists)."""
    public = commands.memo_public_version(
        actor=request.user, command=commands.MemoPublicVersion(memo_id=memo_id)
    )
    return Status(201, commands.visible_memo(request.user, public.pk))


# ---- Items flagged for a committee (til orientering) -------------------------------------------------


class ReferralOut(Schema):
    id: int
    committee: CommitteeRef
    agenda_item_id: int
    meeting_id: int
    decision_id: int | None
    note: str
    flagged_at: datetime.datetime
    is_pending: bool = Field(description="True until a final memo to the committee has included it.")
    included_in_id: int | None = Field(description="The final memo that included it.")
    agenda_item_url: str

    @staticmethod
    def resolve_meeting_id(obj: CommitteeReferral) -> int:
        return obj.agenda_item.meeting_id

    @staticmethod
    def resolve_agenda_item_url(obj: CommitteeReferral) -> str:
        return obj.agenda_item.get_absolute_url()


class ReferralFilters(Input):
    committee: Id | None = None
    meeting: Id | None = None
    pending: bool | None = Field(None, description="true: not yet included in a final memo.")


class ReferralIn(Input):
    committee: BodyId = Field(
        description="A committee of a party that took part in the meeting's collaboration on its day."
    )
    decision: BodyId | None = Field(None, description="One decision on the item; omit for the whole item.")
    note: Annotated[str, Stripped, Field(max_length=10_000)] = Field("", description="Comes into the memo.")


@router.get("/referrals", response={200: list[ReferralOut], **error_responses(401, 422)}, auth=READ_AUTH)
@paginate(Pages)
def list_referrals(request: HttpRequest, filters: Query[ReferralFilters]) -> Any:
    """Agenda items and decisions marked "til orientering" for a committee (of items the caller may
    see), oldest meeting first."""
    return referrals_filtered(
        visible=referrals_visible_to(request.user),
        committee_id=filters.committee,
        meeting_id=filters.meeting,
        pending=filters.pending,
    )


@router.post(
    "/agenda-items/{item_id}/referrals", response={201: ReferralOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def create_referral(request: HttpRequest, item_id: Id, payload: ReferralIn) -> Any:
    """Mark an agenda item, or a decision on it, for a committee: it comes into the committee's next
    status or orientation memo, and is pending until that memo is finalised (as the meeting page's
    "Til orientering for et udvalg" does)."""
    command = commands.ReferralCreate(
        agenda_item_id=item_id,
        committee_id=payload.committee,
        decision_id=payload.decision,
        note=payload.note,
    )
    referral = commands.referral_create(actor=request.user, command=command)
    return Status(201, commands.visible_referral(request.user, referral.pk))


@router.delete("/referrals/{referral_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def withdraw_referral(request: HttpRequest, referral_id: Id) -> Any:
    """Withdraw a pending mark (422 once a final memo has included it)."""
    commands.referral_withdraw(actor=request.user, command=commands.ReferralWithdraw(referral_id=referral_id))
    return HttpResponse(status=204)
