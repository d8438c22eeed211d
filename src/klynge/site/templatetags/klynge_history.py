from typing import Any

from django import template

from klynge.site.selectors import record_history

register = template.Library()


@register.inclusion_tag("web/includes/history.html", takes_context=True)
def history(context: template.Context, record: Any) -> dict[str, Any]:
    """The record's change history, for logged-in users (who changed what is not public)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"shown": False}
    entries, more = record_history(record, request.user)
    return {"shown": True, "entries": entries, "more": more}
