"""{% item_referrals item %}: the "til orientering" block under an agenda item (klynge.site.memos.referrals)."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from klynge.meetings.models import AgendaItem
from klynge.site.memos.referrals import empty_block, item_referrals_context

register = template.Library()

TEMPLATE = "memos/includes/item_referrals.html"


@register.simple_tag(takes_context=True)
def item_referrals(context: template.Context, item: AgendaItem) -> SafeString:
    """The block as `memos/includes/item_referrals.html` renders it; for an item marked for no committee
    (most), the block rendered once per request for a stand-in (`empty_block`)."""
    request = context["request"]
    quick = empty_block(request, item, context.get("csrf_token"))
    if quick is not None:
        return quick
    context_data: dict[str, Any] = item_referrals_context(request, item)
    context_data["csrf_token"] = context.get("csrf_token")
    return mark_safe(render_to_string(TEMPLATE, context_data))  # rendered and escaped by the engine
