"""Links to records' own pages, for lists that mix kinds of record (e.g. a source's page)."""

from django import template
from django.db.models import Model
from django.urls import NoReverseMatch, reverse

register = template.Library()

# model label → (URL name, the field its URL uses)
RECORD_URLS: dict[str, tuple[str, str]] = {
    "bodies.collaboration": ("bodies:collaboration_detail", "slug"),
    "bodies.body": ("bodies:body_detail", "slug"),
    "meetings.meeting": ("meetings:meeting_detail", "pk"),
    "work.focusarea": ("work:focus_area_detail", "slug"),
    "work.initiative": ("work:initiative_detail", "slug"),
    "organisation.person": ("organisation:person_detail", "slug"),
    "organisation.committee": ("organisation:committee_detail", "slug"),
    "organisation.party": ("organisation:party_detail", "slug"),
    "provenance.source": ("provenance:source_detail", "key"),
}


@register.filter
def record_url(record: Model | None) -> str:
    """{{ record|record_url }} → the record's page, or "" when its kind has none."""
    if record is None:
        return ""
    target = RECORD_URLS.get(record._meta.label_lower)
    if target is None:
        return ""
    url_name, field = target
    try:
        return reverse(url_name, args=[getattr(record, field)])
    except NoReverseMatch:
        return ""


# status value → DKFDS badge variant (statuses of meetings, initiatives, focus areas, research)
BADGE_VARIANTS: dict[str, str] = {
    "held": "success",
    "planned": "info",
    "cancelled": "error",
    "proposed": "",
    "approved": "info",
    "running": "info",
    "evaluated": "success",
    "completed": "success",
    "stopped": "error",
    "discussed": "",
    "adopted": "success",
    "closed": "",
    "considered": "",
}


@register.filter
def badge_class(status: str | None) -> str:
    """{{ meeting.status|badge_class }} → "badge badge-success"."""
    variant = BADGE_VARIANTS.get(status or "", "")
    return f"badge badge-{variant}" if variant else "badge"
