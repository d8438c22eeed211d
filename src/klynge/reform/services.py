"""Writes for the reform: save the secretariat's plan for a cluster, and carry the cluster's focus areas and
initiatives over to the health councils, all or nothing. The clusters' own records are never changed."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.provenance.models import Source
from klynge.reform.models import CarryOver, PlanEntry, RecordKind, TransitionPlan
from klynge.reform.selectors import cluster_proposals, health_councils
from klynge.temporaryplaces.reform import ensure_reform_source
from klynge.work.models import FocusArea, Initiative, InitiativeStatus
from klynge.work.services import (
    focus_area_create,
    initiative_create,
    initiative_set_progress,
    initiative_transition,
)


@dataclass(frozen=True)
class Choice:
    """The secretariat's choice for one record: the councils (none = not carried over, with a note)."""

    council_ids: tuple[int, ...]
    note: str = ""


def transition_plan_save(
    *, cluster: Collaboration, choices: Mapping[str, Choice], user: Any = None
) -> TransitionPlan:
    """Save the plan for a cluster: one choice per focus area and initiative (keys "fa-<id>"/"in-<id>").

    Refused, with nothing saved, if a key is not one of the cluster's records, a council is not a health
    council, a record is left out, or a record is not carried over without a note saying why."""
    if cluster.kind != CollaborationKind.CLUSTER:
        raise ValidationError("Kun en sundhedsklynges poster kan videreføres til sundhedsråd.")
    proposals = {p.key: p for p in cluster_proposals(cluster)}
    unknown = sorted(set(choices) - set(proposals))
    if unknown:
        raise ValidationError(f"Posterne {', '.join(unknown)} hører ikke til {cluster.name}.")
    missing = [proposals[key].record.name for key in proposals if key not in choices]
    if missing:
        raise ValidationError(f"Planen mangler et valg for: {', '.join(missing)}.")
    councils = {c.pk: c for c in health_councils()}
    errors: dict[str, list[str]] = {}
    for key, choice in choices.items():
        bad = [pk for pk in choice.council_ids if pk not in councils]
        if bad:
            errors.setdefault(key, []).append("Vælg blandt de registrerede sundhedsråd.")
        if not choice.council_ids and not choice.note.strip():
            errors.setdefault(key, []).append("Skriv i bemærkningen, hvorfor posten ikke videreføres.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = TransitionPlan.objects.select_for_update().filter(cluster=cluster).first()
        if plan is not None and plan.transferred_at is not None:
            raise ValidationError("Planen er allerede overført; den kan ikke ændres.")
        now = timezone.now()
        if plan is None:
            plan = TransitionPlan(cluster=cluster, saved_at=now)
        plan.saved_at, plan.saved_by = now, (user if getattr(user, "pk", None) else None)
        plan.full_clean()
        plan.save()
        existing = {
            (f"fa-{e.focus_area_id}" if e.kind == RecordKind.FOCUS_AREA else f"in-{e.initiative_id}"): e
            for e in plan.entries.prefetch_related("councils")
        }
        for key, choice in choices.items():
            proposal = proposals[key]
            entry = existing.get(key)
            if entry is None:
                entry = PlanEntry(plan=plan, kind=proposal.kind)
                if proposal.kind == RecordKind.FOCUS_AREA:
                    entry.focus_area = proposal.record  # type: ignore[assignment]
                else:
                    entry.initiative = proposal.record  # type: ignore[assignment]
            chosen = sorted(set(choice.council_ids))
            current = sorted(c.pk for c in entry.councils.all()) if entry.pk else None
            if (
                entry.pk
                and current == chosen
                and entry.note == choice.note.strip()
                and entry.proposal_reason == proposal.reason
            ):
                continue
            entry.note = choice.note.strip()
            entry.proposal_reason = proposal.reason
            entry.full_clean()
            entry.save()
            entry.councils.set([councils[pk] for pk in chosen])
    return plan


def _approval_text(initiative: Initiative) -> str:
    if initiative.approved_by_id is not None:
        decision = initiative.approved_by
        meeting = decision.agenda_item.meeting  # type: ignore[union-attr]
        return f"Godkendt ved beslutning på mødet i {meeting.body} {meeting.date:%d.%m.%Y} (beslutning nr. {decision.pk})."  # type: ignore[union-attr]
    if initiative.approved_by_body_id is not None:
        return f"Godkendt af {initiative.approved_by_body} (beslutningen er ikke registreret)."
    return "Ikke godkendt i klyngen."


# The statuses an approved successor passes through to reach the original's status.
_PATH: dict[str, tuple[InitiativeStatus, ...]] = {
    InitiativeStatus.APPROVED: (),
    InitiativeStatus.RUNNING: (InitiativeStatus.RUNNING,),
    InitiativeStatus.EVALUATED: (InitiativeStatus.RUNNING, InitiativeStatus.EVALUATED),
    InitiativeStatus.COMPLETED: (InitiativeStatus.RUNNING, InitiativeStatus.COMPLETED),
    InitiativeStatus.STOPPED: (InitiativeStatus.STOPPED,),
}


def _note(cluster: Collaboration, record: FocusArea | Initiative, extra: str = "") -> str:
    return (
        f"Videreført fra {cluster.name} (»{record.name}«) ved overgangen til sundhedsråd "
        f"1. januar 2027 (sundhedsreformen, L 214 og overgangsloven).{(' ' + extra) if extra else ''}"
    )


def transition_plan_transfer(*, plan: TransitionPlan, user: Any = None) -> list[CarryOver]:
    """Carry the plan's focus areas and initiatives over to their councils, all or nothing.

    Successors get the original's name, description, status, progress, topics, responsible parties and
    period, and keep the initiative tree within each council. A decision cannot be copied: an approved
    successor stands as approved by the council's political body, and the carry-over keeps how the
    original was approved, with a link to it and its history. Running it again creates nothing new."""
    source: Source = ensure_reform_source()
    created: list[CarryOver] = []
    with transaction.atomic():
        plan = TransitionPlan.objects.select_for_update().select_related("cluster").get(pk=plan.pk)
        cluster = plan.cluster
        proposals = cluster_proposals(cluster)
        unplanned = [p.record.name for p in proposals if p.entry is None]
        if unplanned:
            raise ValidationError(
                f"Planen dækker ikke: {', '.join(unplanned)}. Gennemgå forslagene, og gem planen igen."
            )
        now = timezone.now()
        done_fa: dict[tuple[int, int], FocusArea] = {
            (c.original_focus_area_id, c.council_id): c.successor_focus_area  # type: ignore[misc]
            for c in CarryOver.objects.filter(kind=RecordKind.FOCUS_AREA).select_related(
                "successor_focus_area"
            )
        }
        done_in: dict[tuple[int, int], Initiative] = {
            (c.original_initiative_id, c.council_id): c.successor_initiative  # type: ignore[misc]
            for c in CarryOver.objects.filter(kind=RecordKind.INITIATIVE).select_related(
                "successor_initiative"
            )
        }
        for proposal in proposals:  # focus areas first, then initiatives with parents before parts
            entry = proposal.entry
            assert entry is not None
            record = proposal.record
            for council in entry.councils.all():
                if proposal.kind == RecordKind.FOCUS_AREA:
                    assert isinstance(record, FocusArea)
                    if (record.pk, council.pk) in done_fa:
                        continue
                    successor_fa = focus_area_create(
                        name=record.name,
                        collaborations=[council],
                        status=record.status,  # type: ignore[arg-type]
                        description=record.description,
                        topics=record.topics.all(),
                        period_start=record.period_start,
                        period_end=record.period_end,
                        source=source,
                        source_note=_note(cluster, record),
                    )
                    done_fa[(record.pk, council.pk)] = successor_fa
                    created.append(
                        _carry_over(
                            RecordKind.FOCUS_AREA, cluster, council, record, successor_fa, "", user, now
                        )
                    )
                else:
                    assert isinstance(record, Initiative)
                    if (record.pk, council.pk) in done_in:
                        continue
                    successor = _carry_initiative(record, council, cluster, done_fa, done_in, source)
                    done_in[(record.pk, council.pk)] = successor
                    created.append(
                        _carry_over(
                            RecordKind.INITIATIVE,
                            cluster,
                            council,
                            record,
                            successor,
                            _approval_text(record),
                            user,
                            now,
                        )
                    )
        if created or plan.transferred_at is None:
            plan.transferred_at = now
            plan.transferred_by = user if getattr(user, "pk", None) else None
            plan.save()
    return created


def _carry_initiative(
    record: Initiative,
    council: Collaboration,
    cluster: Collaboration,
    done_fa: dict[tuple[int, int], FocusArea],
    done_in: dict[tuple[int, int], Initiative],
    source: Source,
) -> Initiative:
    status = InitiativeStatus(record.status)
    approved = record.approved_by_id is not None or record.approved_by_body_id is not None
    political = next((b for b in council.bodies.all() if b.level == BodyLevel.POLITICAL), None)
    needs_approval = status != InitiativeStatus.PROPOSED and (status != InitiativeStatus.STOPPED or approved)
    if needs_approval and political is None:
        raise ValidationError(
            f"{council.name} har intet politisk organ, så den godkendte indsats »{record.name}« kan ikke "
            "videreføres dertil. Opret rådets politiske organ først."
        )
    extra = _approval_text(record)
    if needs_approval:
        extra += f" I {council.name} står indsatsen som godkendt af {political}, fordi klyngens beslutning ikke kan kopieres."
    successor = initiative_create(
        name=record.name,
        collaboration=council,
        focus_area=done_fa.get((record.focus_area_id, council.pk)) if record.focus_area_id else None,
        parent=done_in.get((record.parent_id, council.pk)) if record.parent_id else None,
        description=record.description,
        responsible_parties=record.responsible_parties.all(),
        approved_by_body=political if needs_approval else None,
        status=InitiativeStatus.APPROVED if needs_approval else InitiativeStatus.PROPOSED,
        start=record.start,
        end=record.end,
        source=source,
        source_note=_note(cluster, record, extra),
    )
    if status != InitiativeStatus.PROPOSED:
        for step in _PATH[status] if needs_approval else (InitiativeStatus.STOPPED,):
            successor = initiative_transition(initiative=successor, status=step)
    if record.progress is not None:
        successor = initiative_set_progress(initiative=successor, progress=record.progress)
    return successor


def _carry_over(
    kind: RecordKind,
    cluster: Collaboration,
    council: Collaboration,
    original: FocusArea | Initiative,
    successor: FocusArea | Initiative,
    approval: str,
    user: Any,
    now: Any,
) -> CarryOver:
    fields: dict[str, Any] = (
        {"original_focus_area": original, "successor_focus_area": successor}
        if kind == RecordKind.FOCUS_AREA
        else {"original_initiative": original, "successor_initiative": successor}
    )
    carry = CarryOver(
        kind=kind,
        cluster=cluster,
        council=council,
        original_history_count=original.history.count(),
        approval=approval,
        carried_by=user if getattr(user, "pk", None) else None,
        carried_at=now,
        **fields,
    )
    carry.full_clean()
    carry.save()
    return carry
