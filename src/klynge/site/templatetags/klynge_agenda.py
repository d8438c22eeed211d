"""The meeting page's per-item fragments that repeat on every one of up to 200 items, built once per page
or in Python rather than by the template engine per item (issue 14: a 200-item meeting ≤ 100 ms).

- `{% item_attachments item %}`: the item's attachment list, as `attachments/includes/attachment_list.html`
  renders it included with `attachments=item.visible_attachments can_edit=can_edit upload_url=… heading="Bilag"`
  (the editor's links and forms per attachment, the upload link), built in Python.
- `{% item_tools item first last %}`: the editor's tools (edit, decide, move, remove), as
  `meetings/includes/agenda_item_tools.html` renders them: rendered once per page for each kind of item
  (first, last, removable) for a stand-in item, given each item's id and number.
- `{% item_texts item %}`: the item's summary, case texts and what it concerns (topics, focus areas,
  initiatives), as the template wrote them, every value escaped.
- `{% item_decisions item %}`: the item's decisions (kind, recipient, topic, text, the editor's link, the
  recipient's response, allocations, approved initiatives and trial actions, provenance), as the page's
  template and its include `meetings/includes/recommendation_response.html` (now gone; copied into the
  test) rendered them, every value escaped.
- `{% agenda_item item first last %}`: the item's whole `<section>` on the meeting page, built from the
  fragments above (its reported figures, rare, by `meetings/includes/agenda_item_figures.html`).

Python-built parts use `klynge.site.fragments` (format_html and the linebreaks filters without Django's
lazy-argument wrappers, ≈3 times faster; held to Django's by tests/site/test_fragments.py).

Tests: tests/meetings/test_agenda_fragments.py holds each to the template it replaces, the whole section
too (for the public and an editor; every kind of decision block, figures, a marked referral, values with
`<script>`, `&` and quotes)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from klynge.kernel.formatting import danish_amount, danish_date, danish_file_size
from klynge.meetings.models import AgendaItem, Decision, DecisionKind
from klynge.site.fragments import display, html_format, html_linebreaks, html_linebreaksbr, html_text
from klynge.site.templatetags.klynge_provenance import provenance_line
from klynge.site.templatetags.klynge_referrals import item_referrals
from klynge.site.templatetags.klynge_urls import STAND_IN, fixed_urls, record_url_of

register = template.Library()


def _csrf_input(context: template.Context) -> str:
    """What `{% csrf_token %}` renders in the page's context."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return html_format('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _attachment_tools(attachment: Any, csrf: str, first: bool, last: bool) -> SafeString:
    title = html_text(attachment.title)
    up = (
        ""
        if first
        else f'<button type="submit" name="retning" value="op" class="function-link" '
        f'aria-label="Flyt bilaget {title} op">Flyt op</button>'
    )
    down = (
        ""
        if last
        else f'<button type="submit" name="retning" value="ned" class="function-link" '
        f'aria-label="Flyt bilaget {title} ned">Flyt ned</button>'
    )
    edit, move_url, remove = (
        html_text(record_url_of(viewname, attachment.pk))
        for viewname in ("attachments:edit", "attachments:move", "attachments:remove")
    )
    return SafeString(  # every value escaped above (the title, the URLs)
        '\n    <span class="d-print-none">\n'
        f'      <a class="function-link" href="{edit}">Redigér</a>\n'
        f'      <form method="post" action="{move_url}" class="d-inline">{csrf}\n'
        f"        {up}\n"
        f"        {down}\n"
        "      </form>\n"
        f'      <form method="post" action="{remove}" class="d-inline" '
        f'onsubmit="return confirm(\'Fjern bilaget?\');">{csrf}<button type="submit" class="function-link" '
        f'aria-label="Fjern bilaget {title}">Fjern</button></form>\n'
        "    </span>"
    )


@register.simple_tag(takes_context=True)
def item_attachments(context: template.Context, item: AgendaItem) -> SafeString | str:
    """The item's attachments as `attachments/includes/attachment_list.html` lists them, included with
    `attachments=item.visible_attachments can_edit=can_edit upload_url=… heading="Bilag"` (the upload link,
    `attachments:item_create`, for those who may edit)."""
    attachments = item.visible_attachments  # type: ignore[attr-defined]
    can_edit = context.get("can_edit")
    if not attachments and not can_edit:
        return ""
    parts = ['\n<h4 class="mt-5">Bilag</h4>\n']
    if attachments:
        csrf = _csrf_input(context) if can_edit else ""
        parts.append('<ol class="attachment-list">\n')
        last = len(attachments) - 1
        for n, attachment in enumerate(attachments):
            download = record_url_of("attachments:download", attachment.pk)
            parts.append(
                html_format(
                    '  <li>\n    <a href="{}">{}</a>\n    <span class="small-text">({}, {})</span>\n    {}{}\n  </li>\n',
                    download,
                    attachment.title,
                    attachment.original_name,
                    danish_file_size(attachment.size),
                    html_format('<a class="small-text" href="{}?vis=1">vis</a>', download)
                    if attachment.content_type == "application/pdf"
                    else "",
                    _attachment_tools(attachment, csrf, n == 0, n == last) if can_edit else "",
                )
            )
        parts.append("</ol>\n")
    if can_edit:
        parts.append(
            html_format(
                '<p class="d-print-none"><a class="function-link" href="{}">Læg bilag op</a></p>\n',
                record_url_of("attachments:item_create", item.pk),
            )
        )
    return SafeString("".join(parts))  # each part built with html_format or escaped


def _case_text(heading: str, text: str) -> SafeString | str:
    if not text:
        return ""
    return html_format(
        '<h4 class="mt-5">{}</h4><div class="case-text">{}</div>',
        heading,
        html_linebreaks(text),
    )


def _links(heading: str, records: list[Any], viewname: str, status: bool = False) -> SafeString | str:
    if not records:
        return ""
    if status:
        names = ", ".join(
            html_format(
                '<a href="{}">{}</a> ({})',
                record_url_of(viewname, r.slug),
                r.name,
                r.get_status_display().lower(),
            )
            for r in records
        )
    else:
        names = ", ".join(
            html_format('<a href="{}">{}</a>', record_url_of(viewname, r.slug), r.name) for r in records
        )
    return html_format('<p class="mb-0"><strong>{}</strong> {}</p>', heading, SafeString(names))


@register.simple_tag
def item_texts(item: AgendaItem) -> SafeString:
    topics: list[Any] = item.topic_list  # type: ignore[attr-defined]
    parts = [
        html_format("<p>{}</p>", html_linebreaksbr(item.summary)) if item.summary else "",
        _case_text("Sagsfremstilling", item.case_description),
        _case_text("Indstilling", item.recommendation),
        _case_text("Beslutning", item.decision_text),
        html_format(
            '<p class="mb-0"><strong>Emner:</strong> {}</p>',
            SafeString(", ".join(html_text(topic.name) for topic in topics)),
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
    return SafeString("\n  ".join(parts))  # each part built with html_format (escaped)


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
    return SafeString(  # rendered and escaped by the engine; an id and a number put in
        cache[kind].replace(str(STAND_IN), str(item.pk)).replace(str(NUMBER_STAND_IN), str(number))
    )


def _response(decision: Decision, can_edit: bool) -> SafeString | str:
    """A recommendation's response by its recipient, as `meetings/includes/recommendation_response.html`
    (included per decision) rendered it."""
    if decision.kind not in (DecisionKind.RECOMMENDATION, DecisionKind.COUNCIL_RECOMMENDATION):
        return ""
    council = decision.kind == DecisionKind.COUNCIL_RECOMMENDATION
    response = getattr(decision, "response", None)  # none registered: the accessor raises (an AttributeError)
    if response:
        state = html_format(
            '<p class="mb-0"><strong>{} {}:</strong> <span class="badge badge-info">{}</span>{}</p>\n  {}',
            "Regionsrådets beslutning" if council else "Modtagerens beslutning",
            danish_date(response.decided_on),
            response.get_outcome_display(),
            html_format(' · <a href="{}" rel="noopener">referat</a>', response.reference)
            if response.reference
            else "",
            html_format('<p class="mt-1">{}</p>', html_linebreaksbr(response.text)) if response.text else "",
        )
    else:
        state = html_format(
            '<p class="mb-0 small-text">{}</p>',
            "Sundhedsrådet indstiller; regionsrådet beslutter. Regionsrådets beslutning er endnu ikke registreret."
            if council
            else "Modtagerens beslutning er endnu ikke registreret.",
        )
    return html_format(
        '\n<div class="mt-2 mb-3 recommendation-response">\n  {}\n  {}\n</div>\n',
        state,
        html_format(
            '<p class="d-print-none mb-0"><a class="function-link" href="{}">{}</a></p>',
            record_url_of("meetings:recommendation_response", decision.pk),
            "Redigér modtagerens beslutning" if response else "Registrér modtagerens beslutning",
        )
        if can_edit
        else "",
    )


def _list(heading: str, items: list[SafeString], spaced: bool = False) -> SafeString | str:
    """A heading and a list; `spaced`: each item on a line of its own (the template's allocations)."""
    if not items:
        return ""
    joined = "".join(f"\n      {item}" for item in items) + "\n    " if spaced else "".join(items)
    return html_format(
        '<p class="mb-0"><strong>{}</strong></p>\n    <ul class="mt-0">{}</ul>', heading, SafeString(joined)
    )


def _decision(decision: Decision, can_edit: bool) -> SafeString:
    recipient = decision.recommended_to
    topic = decision.topic
    allocations = [
        html_format(
            "<li>{} fra {} til {}</li>",
            danish_amount(allocation.amount),
            allocation.fund.name,
            html_format(
                '<a href="{}">{}</a>',
                record_url_of("work:initiative_detail", allocation.initiative.slug),
                allocation.initiative.name,
            )
            if allocation.initiative
            else html_format(
                '<a href="{}">{}</a>',
                record_url_of("work:focus_area_detail", allocation.focus_area.slug),
                allocation.focus_area.name,
            ),
        )
        for allocation in decision.allocation_list  # type: ignore[attr-defined]
    ]
    initiatives = [
        html_format('<li><a href="{}">{}</a></li>', record_url_of("work:initiative_detail", i.slug), i.name)
        for i in decision.approved_initiative_list  # type: ignore[attr-defined]
    ]
    trial_actions: list[Any] = decision.approved_trial_action_list  # type: ignore[attr-defined]
    trials = [
        html_format(
            '<li>{} <span class="small-text">– <a href="{}">{}</a></span></li>',
            t.display_name,
            record_url_of("work:focus_area_detail", t.focus_area.slug),
            t.focus_area.name,
        )
        for t in trial_actions
    ]
    return html_format(
        '\n  <div class="mt-3">\n'
        '    <p class="mb-0"><span class="badge badge-success">{}</span>{}{}</p>\n'
        '    <p class="mt-2">{}</p>\n'
        "    {}\n    {}\n    {}\n    {}\n    {}\n    {}\n"
        "  </div>",
        display(decision, "kind"),
        html_format(
            ' til <a href="{}">{}</a>',
            record_url_of("organisation:party_detail", recipient.slug),
            recipient.name,
        )
        if recipient
        else "",
        html_format(' <span class="small-text">· emne: {}</span>', topic.name.lower()) if topic else "",
        html_linebreaksbr(decision.text),
        html_format(
            '<p class="d-print-none"><a class="function-link" href="{}">Redigér beslutningen</a></p>',
            record_url_of("meetings:decision_edit", decision.pk),
        )
        if can_edit
        else "",
        _response(decision, can_edit),
        _list("Bevillinger:", allocations, spaced=True),
        _list("Godkendte indsatser:", initiatives),
        _list(f"Godkendte prøvehandlinger ({len(trial_actions)}):", trials),
        provenance_line(decision, "Kilde til beslutningen"),
    )


@register.simple_tag(takes_context=True)
def item_decisions(context: template.Context, item: AgendaItem) -> SafeString | str:
    decisions: list[Decision] = item.decision_list  # type: ignore[attr-defined]
    if not decisions:
        return ""
    can_edit = bool(context.get("can_edit"))
    return html_format(
        '<h4 class="mt-5">{}</h4>{}',
        "Beslutning" if len(decisions) == 1 else "Beslutninger",
        SafeString(
            "".join(_decision(decision, can_edit) for decision in decisions)
        ),  # built with html_format
    )


FIGURES = "meetings/includes/agenda_item_figures.html"
OPEN = SafeString('<span class="badge">Åbent punkt</span>')
CLOSED = SafeString('<span class="badge badge-error">Lukket punkt</span>')
TENTATIVE = SafeString('<span class="badge badge-warning">Forventet</span>')
TENTATIVE_NOTE = SafeString(
    '<p class="small-text">Punktet er forventet, men endnu ikke endeligt sat på dagsordenen.</p>'
)


@register.simple_tag(takes_context=True)
def agenda_item(context: template.Context, item: AgendaItem, first: bool, last: bool) -> SafeString:
    """The item's `<section>` on the meeting page, as the page's template rendered it per item."""
    figures = ""
    if item.figure_list:  # type: ignore[attr-defined]
        assert context.template is not None
        with context.push(item=item):
            figures = context.template.engine.get_template(FIGURES).render(context)
    anchor = item.anchor
    return html_format(
        '<section class="agenda-item" id="{}" aria-labelledby="{}-titel">\n'
        '  <h3 id="{}-titel">{}. {}</h3>\n'
        "  <p>\n"
        '    <span class="badge badge-info">{}</span>\n'
        "    {}\n    {}\n"
        "  </p>\n"
        "  {}\n  {}\n  {}\n  {}\n  {}\n  {}\n  {}\n  {}\n"
        "</section>",
        anchor,
        anchor,
        anchor,
        item.number,  # type: ignore[attr-defined]
        item.title,
        display(item, "kind"),
        OPEN if item.is_public else CLOSED,
        TENTATIVE if item.is_tentative else "",
        item_tools(context, item, first, last) if context.get("can_edit") else "",
        TENTATIVE_NOTE if item.is_tentative else "",
        item_texts(item),
        item_decisions(context, item),
        SafeString(figures),  # rendered and escaped by the engine
        item_referrals(context, item),
        item_attachments(context, item),
        provenance_line(item, "Kilde til punktet"),
    )


@register.simple_tag(takes_context=True)
def agenda_items(context: template.Context, items: list[AgendaItem]) -> SafeString:
    """`{% for item in items %}{% agenda_item item forloop.first forloop.last %}{% endfor %}` in one call."""
    last = len(items) - 1
    with fixed_urls():
        return SafeString(  # each section built with html_format (escaped)
            "".join(f"\n{agenda_item(context, item, n == 0, n == last)}\n" for n, item in enumerate(items))
        )
