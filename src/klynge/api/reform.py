"""The API of the health reform, read-only: the coordination view of a municipality in several clusters,
and the lineage of the records carried over from the clusters to the health councils.

The same content as the pages (/koordination/<slug>/ and the "carried over from" lines on the focus area
and initiative pages), from the same selectors. The transition plans stay in the pages: they are the
secretariats' working documents. A record resting on an example source says so (`is_example`).
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS
from klynge.api.pagination import Pages
from klynge.api.schemas import Id, Input, SlugRef
from klynge.provenance.models import SourceKind
from klynge.reform.models import CarryOver, RecordKind
from klynge.reform.selectors import (
    carry_overs,
    coordination_for,
    example_source_ids,
    municipality_by_id,
    transition_progress,
)
from klynge.work.models import FocusArea, Initiative

router = Router(tags=["Health reform"])


def _record_url(record: FocusArea | Initiative) -> str:
    return record.get_absolute_url()


def _record_out(record: FocusArea | Initiative, example_sources: set[int]) -> dict[str, Any]:
    return {
        "kind": RecordKind.INITIATIVE if isinstance(record, Initiative) else RecordKind.FOCUS_AREA,
        "id": record.pk,
        "name": record.name,
        "slug": record.slug,
        "status": record.status,
        "is_example": record.source_id in example_sources,
        "url": _record_url(record),
    }


class RecordOut(Schema):
    kind: RecordKind
    id: int
    name: str
    slug: str
    status: str = Field(description="The focus area's or initiative's status value.")
    is_example: bool = Field(description="The record rests on an example source: not real.")
    url: str


class CellOut(Schema):
    cluster: SlugRef
    records: list[RecordOut]


class TopicRowOut(Schema):
    topic: str
    cells: list[CellOut] = Field(description="One per cluster, in the order of `clusters`.")
    uneven: bool = Field(description="True when the topic is found in only some of the clusters.")
    only_in: list[str] = Field(description="The clusters that have the topic.")
    missing_in: list[str] = Field(description="The clusters that do not.")


class MeetingRefOut(Schema):
    id: int
    date: datetime.date
    body: str
    url: str


class ForumDecisionOut(Schema):
    id: int
    meeting_date: datetime.date
    text: str
    url: str


class CoordinationOut(Schema):
    municipality: SlugRef
    clusters: list[SlugRef]
    rows: list[TopicRowOut] = Field(description="The clusters' focus areas and initiatives by topic.")
    uneven_topics: list[str] = Field(description="The topics found in only some of the clusters.")
    forums: list[SlugRef] = Field(description="The coordination forums the municipality takes part in.")
    meetings: list[MeetingRefOut] = Field(description="The forums' latest meetings (at most 50).")
    decisions: list[ForumDecisionOut] = Field(
        description="The forums' latest decisions you may see (at most 50)."
    )
    is_example: bool = Field(description="True when any record shown rests on an example source.")
    url: str


def _slug_ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.name, "slug": obj.slug}


@router.get("/coordination/{party_id}", response={200: CoordinationOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_coordination(request: HttpRequest, party_id: Id) -> Any:
    """A municipality's clusters side by side by topic (focus areas and initiatives), the topics found in
    only some of them, and its coordination forums' meetings and decisions — the coordination page."""
    municipality = municipality_by_id(party_id)
    if municipality is None:
        raise Http404
    view = coordination_for(municipality, request.user)
    examples = example_source_ids()
    rows = []
    any_example = False
    for row in view.rows:
        cells = []
        for cluster, records in zip(view.clusters, row.cells, strict=True):
            out = [_record_out(r, examples) for r in records]
            any_example = any_example or any(r["is_example"] for r in out)
            cells.append({"cluster": _slug_ref(cluster), "records": out})
        rows.append(
            {
                "topic": row.topic,
                "cells": cells,
                "uneven": row.uneven,
                "only_in": row.only_in,
                "missing_in": row.missing_in,
            }
        )
    return {
        "municipality": _slug_ref(municipality),
        "clusters": [_slug_ref(c) for c in view.clusters],
        "rows": rows,
        "uneven_topics": [row.topic for row in view.uneven_rows],
        "forums": [_slug_ref(f) for f in view.forums],
        "meetings": [
            {
                "id": m.pk,
                "date": m.date,
                "body": m.body.name,
                "url": m.get_absolute_url(),
            }
            for m in view.meetings
        ],
        "decisions": [
            {
                "id": d.pk,
                "meeting_date": d.agenda_item.meeting.date,
                "text": d.text,
                "url": d.agenda_item.get_absolute_url(),
            }
            for d in view.decisions
        ],
        "is_example": any_example,
        "url": reverse("reform:coordination", args=[municipality.slug]),
    }


# ---- Lineage: which cluster record each council record carries on ---------------------------------------


class LineageRecordOut(Schema):
    id: int
    name: str
    slug: str
    status: str
    is_example: bool = Field(description="The record rests on an example source: not real.")
    url: str


class SuccessorOut(Schema):
    id: int
    kind: RecordKind
    council: SlugRef = Field(description="The health council the record was carried over to.")
    cluster: SlugRef = Field(description="The cluster it came from.")
    successor: LineageRecordOut = Field(description="The council's record.")
    original: LineageRecordOut = Field(description="The cluster's record it carries on.")
    approval: str = Field(description="How the original was approved in the cluster (Danish).")
    original_history_count: int = Field(description="Changes in the original's history when carried over.")
    carried_at: datetime.datetime
    is_example: bool = Field(description="True when either record rests on an example source.")

    @staticmethod
    def resolve_successor(obj: CarryOver) -> dict[str, Any]:
        return _lineage_record(obj.successor)

    @staticmethod
    def resolve_original(obj: CarryOver) -> dict[str, Any]:
        return _lineage_record(obj.original)

    @staticmethod
    def resolve_is_example(obj: CarryOver) -> bool:
        return bool(
            _lineage_record(obj.successor)["is_example"] or _lineage_record(obj.original)["is_example"]
        )


class SuccessorFilters(Input):
    collaboration: Id | None = Field(
        None, description="A health council's or cluster's id: the records carried over to or from it."
    )


def _lineage_record(record: FocusArea | Initiative | None) -> dict[str, Any]:
    assert record is not None  # the database's constraint: every carry-over has both records
    source = record.source
    return {
        "id": record.pk,
        "name": record.name,
        "slug": record.slug,
        "status": record.status,
        "is_example": source is not None and source.kind == SourceKind.EXAMPLE,
        "url": _record_url(record),
    }


@router.get("/health-councils/successors", response={200: list[SuccessorOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_successors(request: HttpRequest, filters: Query[SuccessorFilters]) -> Any:
    """The focus areas and initiatives the health councils carry on from the clusters, each with the
    cluster record it came from (lineage), as the records' pages say."""
    return carry_overs(collaboration_id=filters.collaboration)


class TransitionProgressOut(Schema):
    """How far one cluster's carry-over to the health councils has come (the /reform/ page's table)."""

    id: int
    name: str
    slug: str
    region: str | None = Field(description="The cluster's region (until 31 December 2026).")
    municipality_count: int = Field(
        description="Municipalities recorded in the cluster (0: not found in a source)."
    )
    focus_area_count: int
    initiative_count: int
    planned_count: int = Field(
        description="Focus areas and initiatives the saved transition plan decides on."
    )
    carried_count: int = Field(
        description="Focus areas and initiatives carried over to at least one council."
    )
    council_count: int = Field(description="The health councils that received carried-over records.")
    plan_saved_at: datetime.datetime | None
    transferred_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_region(obj: Any) -> str | None:
        return obj.region.name if obj.region is not None else None

    @staticmethod
    def resolve_carried_count(obj: Any) -> int:
        return int(obj.carried_focus_area_count + obj.carried_initiative_count)

    @staticmethod
    def resolve_plan_saved_at(obj: Any) -> datetime.datetime | None:
        plan = getattr(obj, "transition_plan", None)
        return plan.saved_at if plan is not None else None

    @staticmethod
    def resolve_transferred_at(obj: Any) -> datetime.datetime | None:
        plan = getattr(obj, "transition_plan", None)
        return plan.transferred_at if plan is not None else None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


@router.get("/reform/transition", response={200: list[TransitionProgressOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_transition_progress(request: HttpRequest) -> Any:
    """Every cluster that ends on 31 December 2026, in the whole country, and how far the carry-over of its
    focus areas and initiatives to the health councils has come, counted in the database."""
    return transition_progress()
