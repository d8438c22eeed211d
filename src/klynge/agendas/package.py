"""What goes into a meeting's agenda package, for the public or for those who may read closed items.

The public package is built from the public items only, numbered 1, 2, 3 among them (as the meeting
page numbers them for the public), with their attachments: nothing of a closed item is read for it. The
closed package has every item, numbered by its place on the agenda, closed ones marked. The meeting's own
attachments ("Bilag til mødet", on no item) come after the agenda and before the items: in the public
package those marked public, in the closed package all of them (a closed one is read by those who may
read the meeting's closed items, klynge.attachments.access).
"""

from collections import defaultdict
from collections.abc import Collection

from django.urls import NoReverseMatch

from klynge.agendas.pdf import PackageAttachment, PackageFront, PackageItem, render_package
from klynge.attachments.models import Attachment
from klynge.kernel.formatting import danish_date, danish_meeting_date
from klynge.meetings.models import AgendaItem, Meeting, MeetingStatus

PUBLIC_EDITION = "Offentlig udgave"
CLOSED_EDITION = "Lukket udgave – indeholder lukkede punkter og må kun læses af dem, der har adgang til dem"


def _where(attachment: Attachment) -> str:
    """The attachment's address in Klynge, or its item's on the meeting page while downloads are not served."""
    try:
        return attachment.get_absolute_url()
    except NoReverseMatch:
        item = attachment.agenda_item
        return item.get_absolute_url() if item is not None else attachment.meeting.get_absolute_url()


def _reader(attachment: Attachment) -> PackageAttachment:
    def read() -> bytes:
        with attachment.file.open("rb") as handle:
            data: bytes = handle.read()
        return data

    return PackageAttachment(
        title=attachment.title,
        filename=attachment.original_name,
        content_type=attachment.content_type,
        read=read,
        where=_where(attachment),
        key=f"{attachment.pk}-{attachment.sha256}",
    )


def meeting_time(meeting: Meeting) -> str:
    return f"kl. {meeting.start_time:%H.%M}" if meeting.start_time else ""


def build_package(
    meeting: Meeting,
    *,
    closed: bool,
    heading: str = "Dagsorden",
    version_line: str = "",
    new_item_ids: Collection[int] = (),
    conversions: dict[str, bytes] | None = None,
) -> bytes:
    """The package PDF of the meeting as it stands: public (closed=False) or closed."""
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    if not closed:
        items = items.filter(is_public=True)
    items_list = list(items)
    attachments: dict[int, list[PackageAttachment]] = defaultdict(list)
    for attachment in (
        Attachment.objects.filter(agenda_item__in=[i.pk for i in items_list])
        .select_related("agenda_item", "meeting")
        .order_by("position", "pk")
    ):
        assert attachment.agenda_item_id is not None
        attachments[attachment.agenda_item_id].append(_reader(attachment))
    own = Attachment.objects.filter(meeting=meeting, agenda_item__isnull=True, proposal__isnull=True)
    if not closed:
        own = own.filter(is_public=True)  # the rule of klynge.attachments.access.is_public_attachment
    meeting_attachments = tuple(
        _reader(attachment) for attachment in own.select_related("meeting").order_by("position", "pk")
    )
    held = meeting.status == MeetingStatus.HELD
    package_items = [
        PackageItem(
            number=number,
            title=item.title,
            kind=item.get_kind_display(),
            is_public=item.is_public,
            case_description=item.case_description,
            recommendation=item.recommendation,
            decision_text=item.decision_text if held else "",
            is_new=item.pk in new_item_ids,
            attachments=tuple(attachments.get(item.pk, ())),
        )
        for number, item in enumerate(items_list, start=1)
    ]
    front = PackageFront(
        heading=heading,
        body=meeting.body.name + (f" – {meeting.title}" if meeting.title else ""),
        date=danish_meeting_date(meeting.date, meeting.date_precision),
        time=meeting_time(meeting),
        place=meeting.location,
        edition=CLOSED_EDITION if closed else PUBLIC_EDITION,
        version=version_line,
        closed=closed,
        attachments=meeting_attachments,
    )
    return render_package(front, package_items, conversions=conversions)


def version_line(number: int, published_on: object) -> str:
    import datetime

    day = published_on.date() if isinstance(published_on, datetime.datetime) else published_on
    return f"Version {number}, offentliggjort {danish_date(day)}" if isinstance(day, datetime.date) else ""
