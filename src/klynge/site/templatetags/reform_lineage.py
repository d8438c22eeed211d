"""{% load reform_lineage %}{% carried_over_from record %}: "Videreført fra …" on a successor record's page."""

from typing import Any

from django import template

from klynge.reform.selectors import lineage_of

register = template.Library()


@register.inclusion_tag("reform/includes/carried_over_from.html")
def carried_over_from(record: Any) -> dict[str, Any]:
    return {"carry": lineage_of(record) if record is not None and record.pk else None}
