"""The API of memos (notater) to the political committees: read what the caller may see.

Final memos are public documents; drafts are seen only by those who may write to the memo's committee
(`klynge.memos.access`), as on the pages — to anyone else a draft is "not found". The text is the memo's
Markdown; the rendered files (Word, PDF, HTML, Markdown) are the pages' own downloads.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import Date, Id, Input, Slug, SlugRef
from klynge.memos.access import access_memo_view, memos_visible_to
from klynge.memos.documents import FORMATS
from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.memos.selectors import memo_detail, memos_filtered

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
    url: str

    @staticmethod
    def resolve_url(obj: Memo) -> str:
        return reverse("memos:memo_detail", args=[obj.pk])


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
    downloads: list[DownloadOut] = Field(description="The memo rendered as files, from the app's pages.")

    @staticmethod
    def resolve_case_numbers(obj: Memo) -> list[Any]:
        return list(obj.case_numbers.all())

    @staticmethod
    def resolve_text(obj: Memo) -> str:
        return obj.body

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
    memo = memo_detail(pk=memo_id)
    if memo is None or not access_memo_view(request.user, memo):
        raise Http404
    return memo
