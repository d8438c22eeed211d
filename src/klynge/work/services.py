import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from klynge.bodies.models import Body, Collaboration
from klynge.meetings.models import AgendaItem, Decision
from klynge.organisation.models import Party, Topic
from klynge.provenance.models import Source
from klynge.records import create_validated, ensure_unchanged_since, unique_slug
from klynge.work.models import (
    INITIATIVE_TRANSITIONS,
    Allocation,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    HealthAgreement,
    Initiative,
    InitiativeStatus,
    TrialAction,
)


def health_agreement_create(
    *,
    name: str,
    region: Party,
    valid_from: datetime.date,
    valid_to: datetime.date,
    source: Source | None = None,
    source_note: str = "",
) -> HealthAgreement:
    return create_validated(
        HealthAgreement,
        name=name,
        slug=unique_slug(HealthAgreement, name),
        region=region,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        source_note=source_note,
    )


def focus_area_create(
    *,
    name: str,
    collaborations: Iterable[Collaboration],
    status: FocusAreaStatus,
    description: str = "",
    topics: Iterable[Topic] = (),
    decided_at: AgendaItem | None = None,
    health_agreement: HealthAgreement | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    slug: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> FocusArea:
    collaborations = list(collaborations)
    if not collaborations:
        raise ValidationError({"collaborations": "Et fokusområde hører til mindst ét samarbejde."})
    return create_validated(
        FocusArea,
        name=name,
        slug=slug or unique_slug(FocusArea, name),
        status=status,
        description=description,
        decided_at=decided_at,
        health_agreement=health_agreement,
        period_start=period_start,
        period_end=period_end,
        source=source,
        source_note=source_note,
        m2m={"collaborations": collaborations, "topics": topics},
    )


def initiative_create(
    *,
    name: str,
    collaboration: Collaboration,
    focus_area: FocusArea | None = None,
    parent: Initiative | None = None,
    description: str = "",
    responsible_parties: Iterable[Party] = (),
    approved_by_body: Body | None = None,
    status: InitiativeStatus = InitiativeStatus.PROPOSED,
    slug: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Initiative:
    """Create an initiative as proposed; or, for one decided before it was recorded here, as
    approved by a political body (approved_by_body) whose decision is not on record."""
    if status != InitiativeStatus.PROPOSED and approved_by_body is None:
        raise ValidationError(
            {"status": "En ny indsats oprettes som foreslået og godkendes ved en beslutning."}
        )
    return create_validated(
        Initiative,
        name=name,
        slug=slug or unique_slug(Initiative, name),
        collaboration=collaboration,
        focus_area=focus_area,
        parent=parent,
        description=description,
        approved_by_body=approved_by_body,
        status=status,
        source=source,
        source_note=source_note,
        m2m={"responsible_parties": responsible_parties},
    )


def initiative_approve(*, initiative: Initiative, decision: Decision) -> Initiative:
    """Approve a proposed initiative by a decision of a political body of its collaboration."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.status != InitiativeStatus.PROPOSED:
            raise ValidationError(
                {
                    "status": f"Kun en foreslået indsats kan godkendes; den er {initiative.get_status_display().lower()}."
                }
            )
        initiative.status = InitiativeStatus.APPROVED
        initiative.approved_by = decision
        initiative.full_clean()
        initiative.save()
        return initiative


def initiative_transition(*, initiative: Initiative, status: InitiativeStatus) -> Initiative:
    """Move an initiative along its lifecycle (approval goes through initiative_approve)."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if status == InitiativeStatus.APPROVED:
            raise ValidationError({"status": "En indsats godkendes ved en beslutning i et politisk organ."})
        if status not in INITIATIVE_TRANSITIONS[initiative.status]:
            raise ValidationError(
                {
                    "status": f"En indsats kan ikke gå fra »{initiative.get_status_display()}« "
                    f"til »{InitiativeStatus(status).label}«."
                }
            )
        initiative.status = status
        initiative.full_clean()
        initiative.save()
        return initiative


def initiative_set_progress(*, initiative: Initiative, progress: int | None) -> Initiative:
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        initiative.progress = progress
        initiative.full_clean()
        initiative.save()
        return initiative


def initiative_follow_up(
    *,
    initiative: Initiative,
    status: InitiativeStatus | None = None,
    progress: int | None,
    seen_version: int | None = None,
) -> Initiative:
    """Record where an initiative stands — a new status along its lifecycle and/or its progress — at once.

    Refused if someone else saved the initiative after the editor opened it (seen_version)."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        ensure_unchanged_since(locked, seen_version)
        if status is not None and status != locked.status:
            locked = initiative_transition(initiative=locked, status=status)
        if progress != locked.progress:
            locked = initiative_set_progress(initiative=locked, progress=progress)
        return locked


def trial_action_create(
    *,
    focus_area: FocusArea,
    position: int,
    name: str = "",
    named_in_source: bool = True,
    initiative: Initiative | None = None,
    approved_by: Decision | None = None,
    description: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> TrialAction:
    return create_validated(
        TrialAction,
        focus_area=focus_area,
        position=position,
        name=name,
        named_in_source=named_in_source,
        initiative=initiative,
        approved_by=approved_by,
        description=description,
        source=source,
        source_note=source_note,
    )


def follow_up_research_create(
    *,
    title: str,
    status: FollowUpResearchStatus,
    focus_area: FocusArea | None = None,
    initiative: Initiative | None = None,
    description: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> FollowUpResearch:
    return create_validated(
        FollowUpResearch,
        title=title,
        status=status,
        focus_area=focus_area,
        initiative=initiative,
        description=description,
        source=source,
        source_note=source_note,
    )


def fund_create(
    *,
    body: Body,
    year: int,
    name: str,
    amount: Decimal | int | None = None,
    description: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> Fund:
    return create_validated(
        Fund,
        body=body,
        year=year,
        name=name,
        amount=None if amount is None else Decimal(amount),
        description=description,
        source=source,
        source_note=source_note,
    )


def allocation_create(
    *,
    fund: Fund,
    decision: Decision,
    amount: Decimal | int,
    focus_area: FocusArea | None = None,
    initiative: Initiative | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Allocation:
    """Allocate money from a fund by a decision; refused if it would exceed what remains."""
    with transaction.atomic():
        # Lock the fund so two concurrent allocations cannot both spend the same remainder.
        locked_fund = Fund.objects.select_for_update().get(pk=fund.pk)
        return create_validated(
            Allocation,
            fund=locked_fund,
            decision=decision,
            amount=Decimal(amount),
            focus_area=focus_area,
            initiative=initiative,
            source=source,
            source_note=source_note,
        )
