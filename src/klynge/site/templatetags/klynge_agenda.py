"""The meeting page's per-item fragments that repeat on every one of up to 200 items, built once per page
or in Python rather than by the template engine per item (issue 14: a 200-item meeting ≤ 100 ms).

- `{% item_attachments item %}`: the item's attachment list, as `attachments/includes/attachment_list.html`
  renders it included with `attachments=item.visible_attachments can_edit=can_edit upload_url=… heading="Bilag"`.
  An item with no attachment shows, to those who may upload, only the heading and the upload link: that
  is rendered once per page for a stand-in item and given each item's id.
- `{% item_tools item first last %}`: the editor's tools (edit, decide, move, remove), as
  `meetings/includes/agenda_item_tools.html` renders them: rendered once per page for each kind of item
  (first, last, removable) for a stand-in item, given each item's id and number.
- `{% item_texts item %}`: the item's summary, case texts and what it concerns (topics, focus areas,
  initiatives), as the template wrote them, every value escaped.

Tests: tests/meetings/test_agenda_fragments.py holds each to the template it replaces."""

from typing import Any

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from klynge.meetings.models import AgendaItem
from klynge.site.templatetags.klynge_urls import STAND_IN, record_url_of

register = template.Library()

ATTACHMENT_LIST = "attachments/includes/attachment_list.html"
EMPTY_LIST = "klynge_agenda_empty_attachment_list"


def _attachment_list(context: template.Context, **values: Any) -> str:
    """The list's template rendered as `{% include … with … %}` renders it (in the page's context)."""
    assert context.template is not None
    list_template = context.template.engine.get_template(ATTACHMENT_LIST)
    with context.push(**values):
        rendered: str = list_template.render(context)
    return rendered


@register.simple_tag(takes_context=True)
def item_attachments(context: template.Context, item: AgendaItem) -> SafeString | str:
    attachments = item.visible_attachments  # type: ignore[attr-defined]
    can_edit = context.get("can_edit")
    if not attachments and not can_edit:
        return ""
    values = {"can_edit": can_edit, "heading": "Bilag"}
    if attachments:
        upload_url = record_url_of("attachments:item_create", item.pk) if can_edit else None
        return mark_safe(_attachment_list(context, attachments=attachments, upload_url=upload_url, **values))
    cache = context.render_context.dicts[0]
    if EMPTY_LIST not in cache:
        upload_url = record_url_of("attachments:item_create", STAND_IN)
        cache[EMPTY_LIST] = _attachment_list(context, attachments=[], upload_url=upload_url, **values)
    return mark_safe(cache[EMPTY_LIST].replace(str(STAND_IN), str(item.pk)))  # rendered by the engine


def _case_text(heading: str, text: str) -> SafeString | str:
    if not text:
        return ""
    return format_html(
        '<h4 class="mt-5">{}</h4><div class="case-text">{}</div>',
        heading,
        linebreaks_filter(text, autoescape=True),
    )


def _links(heading: str, records: list[Any], viewname: str, status: bool = False) -> SafeString | str:
    if not records:
        return ""
    if status:
        names = format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            ((record_url_of(viewname, r.slug), r.name, r.get_status_display().lower()) for r in records),
        )
    else:
        names = format_html_join(
            ", ", '<a href="{}">{}</a>', ((record_url_of(viewname, r.slug), r.name) for r in records)
        )
    return format_html('<p class="mb-0"><strong>{}</strong> {}</p>', heading, names)


@register.simple_tag
def item_texts(item: AgendaItem) -> SafeString:
    topics: list[Any] = item.topic_list  # type: ignore[attr-defined]
    parts = [
        format_html("<p>{}</p>", linebreaksbr(item.summary, autoescape=True)) if item.summary else "",
        _case_text("Sagsfremstilling", item.case_description),
        _case_text("Indstilling", item.recommendation),
        _case_text("Beslutning", item.decision_text),
        format_html(
            '<p class="mb-0"><strong>Emner:</strong> {}</p>',
            format_html_join(", ", "{}", ((topic.name,) for topic in topics)),
        )
        if topics
        else "",
        _links("Fokusområder:", item.focus_area_list, "work:focus_area_detail"),  # type: ignore[attr-defined]
        _links(
            "Fokusområder drøftet eller valgt her:",
            item.focus_areas_decided_list,  # type: ignore[attr-defined]
            "work:focus_area_detail",
            status=True,
        ),
        _links("Indsatser:", item.initiative_list, "work:initiative_detail"),  # type: ignore[attr-defined]
    ]
    return mark_safe("\n  ".join(parts))  # each part built with format_html (escaped)


TOOLS = "meetings/includes/agenda_item_tools.html"
NUMBER_STAND_IN = 918_273_645_546_372_817  # a number no item has (nor is it the id stand-in)


@register.simple_tag(takes_context=True)
def item_tools(context: template.Context, item: AgendaItem, first: bool, last: bool) -> SafeString:
    removable = not item.decision_list and not item.figure_list  # type: ignore[attr-defined]
    page: dict[Any, Any] = context.render_context.dicts[0]  # this page's render
    cache: dict[tuple[bool, bool, bool], str] = page.setdefault(TOOLS, {})
    kind = (bool(first), bool(last), removable)
    if kind not in cache:
        assert context.template is not None
        tools = context.template.engine.get_template(TOOLS)
        stand_in = AgendaItem(pk=STAND_IN)
        stand_in.number = NUMBER_STAND_IN  # type: ignore[attr-defined]
        stand_in.decision_list = [] if removable else [None]  # type: ignore[attr-defined]
        stand_in.figure_list = []  # type: ignore[attr-defined]
        with context.push(item=stand_in, first=first, last=last):
            cache[kind] = tools.render(context)
    number: int = item.number  # type: ignore[attr-defined]
    return mark_safe(  # rendered and escaped by the engine; an id and a number put in
        cache[kind].replace(str(STAND_IN), str(item.pk)).replace(str(NUMBER_STAND_IN), str(number))
    )
