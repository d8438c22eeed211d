import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from klynge.bodies.models import Body, Collaboration
from klynge.kernel.records import create_validated, ensure_unchanged_since, unique_slug, update_checked
from klynge.meetings.models import AgendaItem, Decision
from klynge.organisation.models import Party, Topic
from klynge.provenance.models import Source
from klynge.work.models import (
    INITIATIVE_TRANSITIONS,
    Allocation,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    FundKind,
    HealthAgreement,
    Initiative,
    InitiativeStatus,
    TrialAction,
)

# Paths such as /fokusomraader/ny/ are pages of their own, so no record may take these slugs.
RESERVED_SLUGS = frozenset({"ny"})


def _free_slug(model: type[FocusArea] | type[Initiative], name: str) -> str:
    slug = unique_slug(model, name)
    return unique_slug(model, f"{slug}-2") if slug in RESERVED_SLUGS else slug


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
        slug=slug or _free_slug(FocusArea, name),
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


def focus_area_update(
    *,
    focus_area: FocusArea,
    seen_version: int | None,
    name: str,
    collaborations: Iterable[Collaboration],
    status: FocusAreaStatus,
    description: str,
    topics: Iterable[Topic],
    decided_at: AgendaItem | None,
    health_agreement: HealthAgreement | None,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
) -> FocusArea:
    """Change a focus area's description; its address (slug) stays, so links to it keep working.

    Refused if someone else saved it after the editor opened it (seen_version)."""
    collaborations = list(collaborations)
    if not collaborations:
        raise ValidationError({"collaborations": "Et fokusområde hører til mindst ét samarbejde."})
    return update_checked(
        focus_area,
        seen_version=seen_version,
        name=name,
        status=status,
        description=description,
        decided_at=decided_at,
        health_agreement=health_agreement,
        period_start=period_start,
        period_end=period_end,
        m2m={"collaborations": collaborations, "topics": list(topics)},
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
    start: datetime.date | None = None,
    end: datetime.date | None = None,
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
        slug=slug or _free_slug(Initiative, name),
        collaboration=collaboration,
        focus_area=focus_area,
        parent=parent,
        description=description,
        approved_by_body=approved_by_body,
        status=status,
        start=start,
        end=end,
        source=source,
        source_note=source_note,
        m2m={"responsible_parties": responsible_parties},
    )


def initiative_update(
    *,
    initiative: Initiative,
    seen_version: int | None,
    name: str,
    description: str,
    focus_area: FocusArea | None,
    parent: Initiative | None,
    responsible_parties: Iterable[Party],
    start: datetime.date | None,
    end: datetime.date | None,
) -> Initiative:
    """Change what an initiative is (not where it stands: see initiative_follow_up and initiative_approve).

    Its collaboration and address (slug) stay. Refused if it would become part of itself, or if someone else
    saved it after the editor opened it (seen_version)."""
    with transaction.atomic():
        parent_id = parent.pk if parent is not None else None
        if parent_id != initiative.parent_id:
            # Moves in a collaboration's tree take turns, so two concurrent moves cannot form a cycle together.
            Collaboration.objects.select_for_update().filter(pk=initiative.collaboration_id).first()
        return update_checked(
            initiative,
            seen_version=seen_version,
            name=name,
            description=description,
            focus_area=focus_area,
            parent=parent,
            start=start,
            end=end,
            m2m={"responsible_parties": list(responsible_parties)},
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
    position: int | None = None,
    name: str = "",
    named_in_source: bool = True,
    initiative: Initiative | None = None,
    approved_by: Decision | None = None,
    description: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> TrialAction:
    """Add a trial action to a focus area; without a position (the source's number) as the next one."""
    with transaction.atomic():
        if position is None:
            # Lock the focus area so concurrent additions do not take the same position.
            FocusArea.objects.select_for_update().filter(pk=focus_area.pk).first()
            last = TrialAction.objects.filter(focus_area=focus_area).aggregate(last=Max("position"))["last"]
            position = (last or 0) + 1
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


def trial_action_update(
    *,
    trial_action: TrialAction,
    seen_version: int | None,
    name: str,
    description: str,
    initiative: Initiative | None,
) -> TrialAction:
    """Change a trial action's name, description and initiative; its focus area and number stay."""
    return update_checked(
        trial_action,
        seen_version=seen_version,
        name=name,
        description=description,
        initiative=initiative,
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


def follow_up_research_update(
    *,
    research: FollowUpResearch,
    seen_version: int | None,
    title: str,
    status: FollowUpResearchStatus,
    description: str,
) -> FollowUpResearch:
    """Change follow-up research's title, status and description; what it is attached to stays."""
    return update_checked(
        research, seen_version=seen_version, title=title, status=status, description=description
    )


def fund_create(
    *,
    body: Body,
    year: int,
    name: str,
    amount: Decimal | int | None = None,
    description: str = "",
    kind: FundKind = FundKind.POOL,
    source: Source | None = None,
    source_note: str = "",
) -> Fund:
    return create_validated(
        Fund,
        body=body,
        year=year,
        name=name,
        kind=kind,
        amount=None if amount is None else Decimal(amount),
        description=description,
        source=source,
        source_note=source_note,
    )


def fund_update(
    *,
    fund: Fund,
    seen_version: int | None,
    name: str,
    amount: Decimal | int | None,
    description: str,
    kind: FundKind | None = None,
) -> Fund:
    """Change a fund's name, amount and description; never below what is already allocated from it.

    The fund's row is locked while it is checked and saved (as allocation_create locks it), so an
    allocation made meanwhile cannot slip under a lowered amount."""
    return update_checked(
        fund,
        seen_version=seen_version,
        name=name,
        amount=None if amount is None else Decimal(amount),
        description=description,
        kind=fund.kind if kind is None else kind,
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
