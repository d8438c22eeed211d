"""Writes: agenda versions (publish now or at a chosen time, supplementary agendas) and minutes."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from klynge.agendas.models import (
    AgendaVersion,
    AgendaVersionKind,
    ApprovalKind,
    Minutes,
    MinutesEntry,
    MinutesStatus,
)
from klynge.agendas.package import build_package, version_line
from klynge.attendance.selectors import meeting_attendance
from klynge.kernel.formatting import danish_date
from klynge.meetings.models import AgendaItem, Meeting, MeetingStatus
from klynge.meetings.signals import agenda_published

SCHEDULED_PENDING = "Der er allerede en planlagt version af dagsordenen. Offentliggør eller slet den først."
SUPPLEMENTARY_NEEDS_PUBLISHED = "En tillægsdagsorden kræver, at dagsordenen er offentliggjort."
SUPPLEMENTARY_NEEDS_NEW_ITEMS = "En tillægsdagsorden skal tilføje mindst ét punkt siden sidste version."
PUBLISH_AT_PAST = "Tidspunktet for offentliggørelse er passeret; lad feltet stå tomt for at offentliggøre nu."
CANCELLED = "Dagsordenen for et aflyst møde kan ikke offentliggøres."


def _item_ids(meeting: Meeting) -> list[int]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True))


def agenda_version_create(
    *,
    meeting: Meeting,
    kind: AgendaVersionKind = AgendaVersionKind.ORDINARY,
    change_note: str = "",
    publish_at: datetime.datetime | None = None,
    actor: Any = None,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> AgendaVersion:
    """A new version of the meeting's agenda, published at once or scheduled for `publish_at`.
    `notify=False` (the demo's loading) publishes without telling the listeners (no e-mails)."""
    now = now or timezone.now()
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if meeting.status == MeetingStatus.CANCELLED:
            raise ValidationError({"kind": CANCELLED})
        versions = AgendaVersion.objects.filter(meeting=meeting)
        if versions.filter(published_at__isnull=True).exists():
            raise ValidationError({"publish_at": SCHEDULED_PENDING})
        if publish_at is not None and publish_at <= now:
            raise ValidationError({"publish_at": PUBLISH_AT_PAST})
        last = versions.filter(published_at__isnull=False).order_by("-number").first()
        if kind == AgendaVersionKind.SUPPLEMENTARY:
            if last is None:
                raise ValidationError({"kind": SUPPLEMENTARY_NEEDS_PUBLISHED})
            if not set(_item_ids(meeting)) - set(last.item_ids):
                raise ValidationError({"kind": SUPPLEMENTARY_NEEDS_NEW_ITEMS})
        number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = AgendaVersion(
            meeting=meeting,
            number=number,
            kind=kind,
            change_note=change_note.strip(),
            publish_at=publish_at,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        version.full_clean()
        version.save()
        if publish_at is None:
            agenda_version_publish(version=version, now=now, notify=notify)
    return version


def agenda_version_publish(
    *, version: AgendaVersion, now: datetime.datetime | None = None, notify: bool = True
) -> AgendaVersion:
    """Freeze the version's public and closed packages, mark it (and the meeting's agenda) published, and
    tell the listeners once the transaction has committed."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("body", "body__collaboration")
            .get(pk=version.meeting_id)
        )
        previous = (
            AgendaVersion.objects.filter(
                meeting=meeting, published_at__isnull=False, number__lt=version.number
            )
            .order_by("-number")
            .first()
        )
        item_ids = _item_ids(meeting)
        new_ids = set(item_ids) - set(previous.item_ids) if previous is not None else set()
        heading = "Tillægsdagsorden" if version.kind == AgendaVersionKind.SUPPLEMENTARY else "Dagsorden"
        line = version_line(version.number, now)
        if version.change_note:
            line = f"{line}. {version.change_note}"
        public = build_package(
            meeting, closed=False, heading=heading, version_line=line, new_item_ids=new_ids
        )
        closed = build_package(meeting, closed=True, heading=heading, version_line=line, new_item_ids=new_ids)
        version.item_ids = item_ids
        version.published_at = now
        version.public_pdf.save("offentlig.pdf", ContentFile(public), save=False)
        version.closed_pdf.save("lukket.pdf", ContentFile(closed), save=False)
        version.save()
        first = meeting.agenda_published_at is None
        if first:
            Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=now)
        supplementary = version.kind == AgendaVersionKind.SUPPLEMENTARY
        changed = previous is not None
        if notify:
            transaction.on_commit(
                lambda: agenda_published.send(
                    sender=AgendaVersion,
                    meeting=meeting,
                    version=version,
                    supplementary=supplementary,
                    changed=changed,
                )
            )
    return version


def agenda_version_delete(*, version: AgendaVersion) -> None:
    """Withdraw a scheduled version that has not been published."""
    if version.is_published:
        raise ValidationError({"version": "En offentliggjort version kan ikke slettes."})
    version.delete()


def agenda_versions_publish_due(*, now: datetime.datetime | None = None) -> list[AgendaVersion]:
    """Publish every scheduled version whose time has come (run by `klynge agenda publish-due`)."""
    now = now or timezone.now()
    published = []
    due = AgendaVersion.objects.filter(published_at__isnull=True, publish_at__lte=now).order_by(
        "publish_at", "pk"
    )
    for version in due:
        with transaction.atomic():
            locked = (
                AgendaVersion.objects.select_for_update()
                .filter(pk=version.pk, published_at__isnull=True)
                .first()
            )
            if locked is None:
                continue  # published meanwhile by another run
            published.append(agenda_version_publish(version=locked, now=now))
    return published


# ---- Minutes ---------------------------------------------------------------------------------------------

NOT_HELD = "Der kan kun skrives referat af et afholdt møde."
ALREADY_DRAFTED = "Mødet har allerede et referat."
NOT_DRAFT = "Referatet er godkendt og kan ikke længere ændres."
NOT_APPROVED = "Referatet skal godkendes, før det offentliggøres."


def _attendance_text(meeting: Meeting) -> str:
    """Who was expected and who sent word for the whole meeting (with their substitute). Absences from
    single items are left to the secretariat: they could tell of a closed item."""
    public_items = list(
        AgendaItem.objects.filter(meeting=meeting, is_public=True)
        .prefetch_related("topics")
        .order_by("position")
    )
    attendance = meeting_attendance(meeting=meeting, agenda_items=public_items)
    present, absent = [], []
    for party in attendance.parties:
        for member in party.members:
            name = f"{member.person} ({party.party.name})"
            if member.absence is not None and member.absence.whole_meeting:
                substitute = member.absence.substitute
                absent.append(f"{name}, stedfortræder: {substitute}" if substitute else name)
            else:
                present.append(name)
    lines = []
    if present:
        lines.append("Forventet til stede: " + "; ".join(present) + ".")
    if absent:
        lines.append("Afbud: " + "; ".join(absent) + ".")
    return "\n\n".join(lines)


def _item_text(item: AgendaItem) -> str:
    if item.decision_text.strip():
        return item.decision_text.strip()
    return "\n\n".join(d.text.strip() for d in item.decisions.all() if d.text.strip())


def minutes_draft(*, meeting: Meeting) -> Minutes:
    """Draft the minutes of a held meeting from its items' decision texts, decisions and attendance."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if meeting.status != MeetingStatus.HELD:
            raise ValidationError({"meeting": NOT_HELD})
        if Minutes.objects.filter(meeting=meeting).exists():
            raise ValidationError({"meeting": ALREADY_DRAFTED})
        minutes = Minutes.objects.create(meeting=meeting, attendance=_attendance_text(meeting))
        items = AgendaItem.objects.filter(meeting=meeting).prefetch_related("decisions").order_by("position")
        MinutesEntry.objects.bulk_create(
            MinutesEntry(minutes=minutes, agenda_item=item, text=_item_text(item)) for item in items
        )
    return minutes


def minutes_update(
    *, minutes: Minutes, attendance: str, closing_note: str, entries: dict[int, str]
) -> Minutes:
    """Change a draft: its attendance, closing note and the texts of the entries given (by item id)."""
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.status != MinutesStatus.DRAFT:
            raise ValidationError({"attendance": NOT_DRAFT})
        locked.attendance = attendance.strip()
        locked.closing_note = closing_note.strip()
        locked.full_clean()
        locked.save()
        for entry in MinutesEntry.objects.filter(minutes=locked, agenda_item__in=list(entries)):
            text = entries[entry.agenda_item_id].strip()
            if entry.text != text:
                entry.text = text
                entry.save()
    return locked


def minutes_approve(
    *,
    minutes: Minutes,
    kind: ApprovalKind,
    at_meeting: Meeting | None = None,
    on: datetime.date | None = None,
) -> Minutes:
    """Approve a draft at a later meeting of the same body, or by written procedure on a date."""
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        if locked.status != MinutesStatus.DRAFT:
            raise ValidationError({"kind": NOT_DRAFT})
        if kind == ApprovalKind.MEETING:
            if at_meeting is None:
                raise ValidationError({"approved_at_meeting": "Angiv mødet, hvor referatet blev godkendt."})
            on = at_meeting.date
        elif on is None:
            raise ValidationError({"approved_on": "Angiv datoen for den skriftlige godkendelse."})
        elif on < locked.meeting.date:
            raise ValidationError(
                {
                    "approved_on": f"Referatet kan ikke godkendes før mødet ({danish_date(locked.meeting.date)})."
                }
            )
        locked.status = MinutesStatus.APPROVED
        locked.approval_kind = kind
        locked.approved_at_meeting = at_meeting if kind == ApprovalKind.MEETING else None
        locked.approved_on = on
        locked.full_clean()
        locked.save()
    return locked


def minutes_publish(*, minutes: Minutes, now: datetime.datetime | None = None) -> Minutes:
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.status != MinutesStatus.APPROVED:
            raise ValidationError({"status": NOT_APPROVED})
        locked.status = MinutesStatus.PUBLISHED
        locked.published_at = now or timezone.now()
        locked.save()
    return locked
