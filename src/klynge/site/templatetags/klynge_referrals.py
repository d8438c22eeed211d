"""{% item_referrals item %}: the "til orientering" block under an agenda item (klynge.site.memos.referrals)."""

from typing import Any

from django import template

from klynge.meetings.models import AgendaItem
from klynge.site.memos.referrals import item_referrals_context

register = template.Library()


@register.inclusion_tag("memos/includes/item_referrals.html", takes_context=True)
def item_referrals(context: template.Context, item: AgendaItem) -> dict[str, Any]:
    context_data = item_referrals_context(context["request"], item)
    context_data["csrf_token"] = context.get("csrf_token")
    return context_data
