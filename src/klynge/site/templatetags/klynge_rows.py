"""Table rows and cards that the cluster page and the structure page repeat dozens of times, built in
Python rather than by the template engine per row (issue 14: the editor's cluster page and `/struktur/`
≤ 30 ms CPU at national scale; the template loops took ~17 ms and ~11 ms of them).

Each tag gives what the `{% for %}` loop it replaces gave, whitespace included, every value escaped:

- `{% seat_rows body can_edit %}` and `{% membership_rows body can_edit %}`: the rows of a body's seats and
  members (with substitutes and their topics, as `bodies.selectors.membership_queryset` lists them) in
  `bodies/includes/body_members.html`;
- `{% initiative_rows rows hide_collaboration hide_focus_area %}`: `work/includes/initiative_rows.html`'s
  rows (with `work/includes/progress.html`);
- `{% fund_rows funds hide_body %}`: `work/includes/fund_table.html`'s rows;
- `{% meeting_rows meetings hide_body %}`: `web/includes/meeting_table.html`'s rows;
- `{% committee_rows committees %}`: the structure page's committees with their topics
  (`organisation.selectors.committee_overview`);
- `{% collaboration_card collaboration heading wide %}`: `web/includes/collaboration_card.html` (for a
  collaboration of `bodies.selectors.structure_overview`);
- `{% catchment_rule_rows rules %}` and `{% focus_area_rows focus_areas %}`: the cluster page's catchment
  rules and focus areas;
- `{% portal_overview_rows summaries %}`: the rows of `/foelg/`'s tables (with
  `portal/includes/fund_figures.html`);
- `{% source_cell record %}`: `web/includes/source_cell.html` included with record=record (the cluster
  page's catchment rules; the rows above use it too).

Python-built parts use `klynge.site.fragments` (format_html without Django's lazy-argument wrappers).
Tests: tests/site/test_row_fragments.py holds each to the template it replaced (copied into the test),
through the pages and directly, with `<script>`, `&` and quotes in names."""

import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec

from django import template
from django.utils.safestring import SafeString

from klynge.kernel import formatting
from klynge.site.fragments import display, html_format, html_text
from klynge.site.templatetags.danish import meeting_date, percent, period
from klynge.site.templatetags.klynge_records import badge_class
from klynge.site.templatetags.klynge_urls import fixed_urls, record_url_of

register = template.Library()
P = ParamSpec("P")


def _rows_tag(build: Callable[P, SafeString]) -> Callable[P, SafeString]:
    """A tag that builds rows, its links' view patterns looked up by name only while it runs
    (`fixed_urls`: without it each link reads the script prefix and URL configuration again)."""

    @functools.wraps(build)
    def tag(*args: P.args, **kwargs: P.kwargs) -> SafeString:
        with fixed_urls():
            return build(*args, **kwargs)

    return register.simple_tag(tag)


@_rows_tag
def source_cell(record: Any) -> SafeString:
    """`web/includes/source_cell.html` included with record=record (its trailing newline too)."""
    source = record.source
    cell: str
    if source:
        cell = html_format(
            '<a href="{}">{}</a>', record_url_of("provenance:source_detail", source.key), source.title
        )
    else:
        cell = "Ikke angivet"
    if record.source_note:
        cell += html_format('<br><span class="small-text">{}</span>', record.source_note)
    return SafeString(cell + "\n")


def _joined(rows: Iterable[str]) -> SafeString:
    return SafeString("".join(rows))


# ---- bodies/includes/body_members.html -------------------------------------------------------------


@_rows_tag
def seat_rows(body: Any, can_edit: bool = False) -> SafeString:
    rows = []
    for seat in body.seats.all():
        party = seat.party
        edit = (
            html_format(
                '<td><a href="{}?part={}">Redigér<span class="sr-only"> pladser for {}</span></a></td>',
                record_url_of("bodies:seat_set", body.slug),
                seat.party_id,
                party.name,
            )
            if can_edit
            else ""
        )
        rows.append(
            html_format(
                '\n      <tr>\n        <td><a href="{}">{}</a></td>\n        <td>{}</td>\n'
                "        <td>{} af {}{}</td>\n        {}\n      </tr>\n      ",
                record_url_of("organisation:party_detail", party.slug),
                party.name,
                seat.count,
                seat.filled,
                seat.count,
                SafeString(' <span class="badge badge-warning">Ledig plads</span>')
                if seat.filled < seat.count
                else "",
                edit,
            )
        )
    return _joined(rows)


def _substitution(substitution: Any, can_edit: bool) -> str:
    substitute = substitution.substitute
    topics = substitution.topic_list
    parts: list[str] = [
        html_format(
            '\n          <p class="mt-0 mb-2"><a href="{}">{}</a>',
            record_url_of("organisation:person_detail", substitute.slug),
            substitute.name,
        )
    ]
    if topics:
        parts.append(
            '<br><span class="small-text">Når dagsordenen handler om: '
            + ", ".join(html_text(topic.name.lower()) for topic in topics)
            + "</span>"
        )
    if substitution.condition:
        parts.append(html_format('<br><span class="small-text">{}</span>', substitution.condition))
    parts.append(html_format('<br><span class="small-text">{}</span>', period(substitution, "start,end")))
    if can_edit:
        parts.append(
            html_format(
                '<br><a class="small-text" href="{}">Redigér<span class="sr-only"> stedfortræder {}</span></a>',
                record_url_of("bodies:substitution_update", substitution.pk),
                substitute.name,
            )
        )
    parts.append("</p>\n          ")
    return "".join(parts)


@_rows_tag
def membership_rows(body: Any, can_edit: bool = False) -> SafeString:
    rows = []
    for membership in body.memberships.all():
        person, party = membership.person, membership.party
        substitutions = "".join(
            _substitution(substitution, can_edit) for substitution in membership.substitution_list
        )
        edit = (
            html_format(
                '<td><a href="{}">Redigér<span class="sr-only"> medlemskab for {}</span></a><br>'
                '<a href="{}">Tilføj stedfortræder<span class="sr-only"> for {}</span></a></td>',
                record_url_of("bodies:membership_update", membership.pk),
                person.name,
                record_url_of("bodies:substitution_create", membership.pk),
                person.name,
            )
            if can_edit
            else ""
        )
        rows.append(
            html_format(
                '\n      <tr>\n        <td><a href="{}">{}</a>{}</td>\n        <td>{}</td>\n'
                '        <td><a href="{}">{}</a></td>\n        <td>{}{}</td>\n'
                "        <td>\n          {}\n        </td>\n        <td>{}</td>\n        {}\n"
                "      </tr>\n      ",
                record_url_of("organisation:person_detail", person.slug),
                person.name,
                html_format('<br><span class="small-text">{}</span>', membership.title)
                if membership.title
                else "",
                display(membership, "role"),
                record_url_of("organisation:party_detail", party.slug),
                party.name,
                period(membership, "start,end"),
                "" if membership.is_current else SafeString(' <span class="badge">Ikke aktuelt</span>'),
                SafeString(substitutions or "–"),
                source_cell(membership),
                edit,
            )
        )
    return _joined(rows)


# ---- work/includes/initiative_rows.html and fund_table.html -------------------------------------------


def _progress(progress: Any) -> str:
    """`work/includes/progress.html` (its trailing newline too)."""
    if not progress.known:
        return "ikke opgjort\n"
    rolled_up = ' <span class="small-text">(gennemsnit af delindsatser)</span>' if progress.rolled_up else ""
    return html_text(percent(progress.value)) + rolled_up + "\n"


@_rows_tag
def initiative_rows(
    rows: Iterable[Any], hide_collaboration: bool = False, hide_focus_area: bool = False
) -> SafeString:
    out = []
    for row in rows:
        initiative = row.initiative
        marker = (
            SafeString(
                '<span class="tree-marker" aria-hidden="true">↳</span><span class="sr-only">Delindsats: </span>'
            )
            if row.depth
            else ""
        )
        collaboration = ""
        if not hide_collaboration:
            collaboration = html_format(
                '<td><a href="{}">{}</a></td>',
                record_url_of("bodies:collaboration_detail", initiative.collaboration.slug),
                initiative.collaboration.name,
            )
        focus_area = ""
        if not hide_focus_area:
            if initiative.focus_area:
                focus_area = html_format(
                    '<td><a href="{}">{}</a></td>',
                    record_url_of("work:focus_area_detail", initiative.focus_area.slug),
                    initiative.focus_area.name,
                )
            else:
                focus_area = "<td>–</td>"
        out.append(
            html_format(
                '\n      <tr>\n        <td class="tree-cell" style="--depth: {}">{}<a href="{}">{}</a></td>\n'
                '        {}\n        {}\n        <td><span class="{}">{}</span></td>\n'
                "        <td>{}</td>\n      </tr>\n      ",
                row.depth,
                marker,
                record_url_of("work:initiative_detail", initiative.slug),
                initiative.name,
                SafeString(collaboration),
                SafeString(focus_area),
                badge_class(initiative.status),
                display(initiative, "status"),
                SafeString(_progress(row.progress)),
            )
        )
    return _joined(out)


def _amount(value: Any) -> str:
    return "ikke oplyst" if value is None else html_text(formatting.danish_amount(value))


def _body_cell(record: Any, hide_body: bool) -> str:
    """The table's body column (left out where the table is one body's own)."""
    if hide_body:
        return ""
    return html_format(
        '<td><a href="{}">{}</a></td>',
        record_url_of("bodies:body_detail", record.body.slug),
        record.body.name,
    )


@_rows_tag
def fund_rows(funds: Iterable[Any], hide_body: bool = False) -> SafeString:
    rows = []
    for fund in funds:
        body = _body_cell(fund, hide_body)
        rows.append(
            html_format(
                '\n      <tr>\n        <td><a href="{}">{}</a>{}</td>\n        {}\n        <td>{}</td>\n'
                '        <td class="align-text-right">{}</td>\n'
                '        <td class="align-text-right">{}</td>\n'
                '        <td class="align-text-right">{}</td>\n'
                "        <td>{}</td>\n      </tr>\n      ",
                fund.get_absolute_url(),
                fund.name,
                html_format(' <span class="badge badge-small badge-info">{}</span>', display(fund, "kind"))
                if fund.kind == "investment_fund"
                else "",
                SafeString(body),
                fund.year,
                SafeString(_amount(fund.amount)),
                formatting.danish_amount(fund.allocated),
                SafeString(_amount(fund.remaining)),
                source_cell(fund),
            )
        )
    return _joined(rows)


# ---- web/includes/meeting_table.html -----------------------------------------------------------------


@_rows_tag
def meeting_rows(meetings: Iterable[Any], hide_body: bool = False) -> SafeString:
    rows = []
    for meeting in meetings:
        body = _body_cell(meeting, hide_body)
        rows.append(
            html_format(
                '\n      <tr>\n        <td class="nowrap"><a href="{}">{}</a></td>\n        {}\n'
                "        <td>{}{}</td>\n"
                '        <td><span class="{}">{}</span></td>\n        <td>{}</td>\n      </tr>\n      ',
                record_url_of("meetings:meeting_detail", meeting.pk),
                meeting_date(meeting),
                SafeString(body),
                meeting.title or "Møde",
                SafeString(' <span class="badge badge-warning">Ekstraordinært</span>')
                if meeting.is_extra
                else "",
                badge_class(meeting.status),
                display(meeting, "status"),
                meeting.agenda_item_count,
            )
        )
    return _joined(rows)


# ---- web/structure.html ---------------------------------------------------------------------------------


@_rows_tag
def committee_rows(committees: Iterable[Any]) -> SafeString:
    rows = []
    for committee in committees:
        administration = committee.administration
        rows.append(
            html_format(
                '\n      <tr>\n        <td><a href="{}">{}</a> ({})</td>\n        <td>{}</td>\n'
                "        <td>{}</td>\n        <td>{}</td>\n      </tr>\n      ",
                record_url_of("organisation:committee_detail", committee.slug),
                committee.name,
                committee.code,
                committee.party.name,
                administration.abbreviation if administration else "",
                SafeString(", ".join(html_text(topic.name) for topic in committee.topic_list)),
            )
        )
    return _joined(rows)


def _names(records: Iterable[Any]) -> str:
    return ", ".join(html_text(record.name) for record in records)


def _links(viewname: str, records: Iterable[Any]) -> str:
    return ", ".join(
        html_format('<a href="{}">{}</a>', record_url_of(viewname, record.slug), record.name)
        for record in records
    )


@_rows_tag
def collaboration_card(collaboration: Any, heading: str = "", wide: bool = False) -> SafeString:
    heading = heading or "h3"
    subheading = html_text(display(collaboration, "kind"))
    if collaboration.valid_from or collaboration.valid_to:
        subheading += " · " + html_text(period(collaboration))
    hospitals = collaboration.hospital_list
    municipalities = collaboration.municipalities
    spans = collaboration.span_list
    bodies = collaboration.body_list
    lines = [
        '<li class="col-12' + ("" if wide else " col-md-6 col-lg-4") + '">\n  <div class="card">\n'
        '    <div class="card-content">\n      <span class="card-subheading">' + subheading + "</span>\n",
        html_format(
            '      <{} class="card-heading"><a href="{}">{}</a></{}>\n',
            heading,
            record_url_of("bodies:collaboration_detail", collaboration.slug),
            collaboration.name,
            heading,
        ),
        "      "
        + (
            '<p class="mb-0"><strong>'
            + ("Hospital" if len(hospitals) == 1 else "Hospitaler")
            + ":</strong> "
            + _names(hospitals)
            + "</p>"
            if hospitals
            else ""
        )
        + "\n      "
        + (
            '<p class="mb-0"><strong>'
            + ("Kommune" if len(municipalities) == 1 else "Kommuner")
            + ":</strong> "
            + _names(municipalities)
            + "</p>"
            if municipalities
            else ""
        )
        + "\n      "
        + (
            '<p class="mb-0"><strong>Går på tværs af:</strong> '
            + _links("bodies:collaboration_detail", spans)
            + "</p>"
            if spans
            else ""
        )
        + "\n      "
        + (
            html_format(
                '<p class="mb-0"><strong>Forankret hos:</strong> {}</p>', collaboration.host_party.name
            )
            if collaboration.host_party
            else ""
        )
        + "\n      ",
    ]
    if bodies:
        lines.append(
            '\n      <p class="mb-0"><strong>Organer:</strong></p>\n      <ul class="mt-0">'
            + "".join(
                html_format(
                    '<li><a href="{}">{}</a></li>',
                    record_url_of("bodies:body_detail", body.slug),
                    display(body, "level"),
                )
                for body in bodies
            )
            + "</ul>\n      "
        )
    lines.append("\n    </div>\n  </div>\n</li>\n")
    return SafeString("".join(lines))


# ---- portal/overview.html ---------------------------------------------------------------------------------


def _fund_figures(total: Any, allocated: Any, remaining: Any) -> str:
    """`portal/includes/fund_figures.html` included with total, allocated and remaining (its trailing
    newline too; no `unknown_text`)."""
    return (
        '<td class="align-text-right nowrap">'
        + ("ikke oplyst" if total is None else html_text(formatting.danish_amount(total)))
        + '</td>\n<td class="align-text-right nowrap">'
        + html_text(formatting.danish_amount(allocated))
        + '</td>\n<td class="align-text-right nowrap">'
        + ("ikke oplyst" if remaining is None else html_text(formatting.danish_amount(remaining)))
        + "</td>\n"
    )


@_rows_tag
def portal_overview_rows(summaries: Iterable[Any]) -> SafeString:
    """The rows of `/foelg/`'s table of a kind's collaborations (`portal.selectors.CollaborationSummary`):
    initiatives by status, public decisions, funds and the next meeting."""
    rows = []
    for summary in summaries:
        collaboration = summary.collaboration
        url = record_url_of("portal:collaboration", collaboration.slug)
        if summary.initiative_count:
            statuses = (
                '<ul class="nobullet-list portal-status-list">'
                + "".join(
                    html_format(
                        '<li><a href="{}?status={}#indsatser">{} {}</a></li>',
                        url,
                        s.status,
                        formatting.danish_number(s.count),
                        str(s.label).lower(),
                    )
                    for s in summary.statuses_in_use
                )
                + "</ul>"
            )
        else:
            statuses = "Ingen registreret"
        funds = summary.funds
        if funds.fund_count:
            money = "\n        " + _fund_figures(funds.total, funds.allocated, funds.remaining) + "\n        "
        else:
            money = (
                '\n        <td class="align-text-right" colspan="3">Ingen puljer registreret</td>\n        '
            )
        meeting = summary.next_meeting
        next_meeting: str
        if meeting:
            next_meeting = html_format(
                '<a href="{}">{}</a><br><span class="small-text">{}</span>',
                record_url_of("meetings:meeting_detail", meeting.pk),
                meeting_date(meeting),
                meeting.body.name,
            )
        else:
            next_meeting = "Intet planlagt"
        rows.append(
            html_format(
                '\n      <tr>\n        <th scope="row"><a href="{}">{}</a></th>\n        <td>{}</td>\n'
                '        <td class="align-text-right">{}</td>\n        {}\n        <td>{}</td>\n'
                "      </tr>\n      ",
                url,
                collaboration.name,
                SafeString(statuses),
                formatting.danish_number(summary.decision_count),
                SafeString(money),
                SafeString(next_meeting),
            )
        )
    return _joined(rows)


# ---- bodies/collaboration_detail.html ------------------------------------------------------------------


@_rows_tag
def catchment_rule_rows(rules: Iterable[Any]) -> SafeString:
    """The cluster page's catchment rules (`bodies.selectors.catchment_rules_current_for_collaboration`)."""
    rows = []
    for rule in rules:
        area, specialty = rule.area, rule.specialty
        parent_name = area.parent.name if area.parent is not None else ""
        period_text = html_text(formatting.danish_date(rule.valid_from))
        if rule.valid_to:
            period_text += " – " + html_text(formatting.danish_date(rule.valid_to))
        rows.append(
            html_format(
                '\n      <tr>\n        <td>{} <span class="small-text">({})</span></td>\n        <td>{}</td>\n'
                "        <td>{}</td>\n        <td>{}</td>\n        <td>{}</td>\n        <td>{}</td>\n"
                "      </tr>\n      ",
                area.name,
                str(display(area, "kind")).lower(),
                parent_name or "–",
                rule.hospital.name,
                specialty.name if specialty else "Alle specialer",
                SafeString(period_text),
                source_cell(rule),
            )
        )
    return _joined(rows)


@_rows_tag
def focus_area_rows(focus_areas: Iterable[Any]) -> SafeString:
    """The cluster page's focus areas (`work.selectors.focus_areas_for_collaboration`): where each was
    discussed or chosen, linked where the viewer may see that agenda item (`decided_at_visible`)."""
    rows = []
    for focus_area in focus_areas:
        item = focus_area.decided_at
        decided: str
        if item and focus_area.decided_at_visible:
            decided = html_format('<a href="{}">{}</a>', item.get_absolute_url(), meeting_date(item.meeting))
        elif item:
            decided = "på et lukket punkt"
        else:
            decided = "–"
        rows.append(
            html_format(
                '\n      <tr>\n        <td><a href="{}">{}</a></td>\n'
                '        <td><span class="{}">{}</span></td>\n        <td>{}</td>\n      </tr>\n      ',
                record_url_of("work:focus_area_detail", focus_area.slug),
                focus_area.name,
                badge_class(focus_area.status),
                display(focus_area, "status"),
                SafeString(decided),
            )
        )
    return _joined(rows)
