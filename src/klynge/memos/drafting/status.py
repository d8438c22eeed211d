"""The status memo (seed 001): one section per meeting held in the period, in memo order."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from klynge.bodies.models import CollaborationKind
from klynge.kernel.formatting import danish_amount, danish_date, danish_figure, danish_number
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, FigureMetric, Meeting
from klynge.memos import selectors
from klynge.memos.content import (
    Block,
    BulletList,
    ClosedPassage,
    Inline,
    MemoDocument,
    Paragraph,
    Run,
    Section,
    plain,
)
from klynge.memos.drafting.prose import (
    counted,
    day_in_memo,
    genitive,
    join_and,
    join_runs,
    lower_first,
    meeting_when,
)
from klynge.organisation.models import Committee
from klynge.work.models import Allocation, FollowUpResearchStatus

LOOK_AHEAD_DAYS = 400


@dataclass(frozen=True)
class StatusMemoRequest:
    committee: Committee
    meeting_date: datetime.date
    memo_date: datetime.date
    period_start: datetime.date
    period_end: datetime.date


def status_title(committee: Committee, meeting_date: datetime.date) -> str:
    return (
        "Status på sundhedsklynger og det tværsektorielle samarbejde til møde i "
        f"{committee.name} den {danish_date(meeting_date)}"
    )


# How a collaboration is referred to in running text: definite subject, indefinite noun.
SUBJECTS = {
    CollaborationKind.CLUSTER: ("Sundhedsklyngen", "sundhedsklynge"),
    CollaborationKind.HEALTH_COUNCIL: ("Sundhedsrådet", "sundhedsråd"),
    CollaborationKind.HEALTH_COLLABORATION_COMMITTEE: ("Udvalget", "udvalg"),
    CollaborationKind.COORDINATION_FORUM: ("Forummet", "forum"),
    CollaborationKind.SECRETARIAT: ("Sekretariatet", "sekretariat"),
}


def _subject(meeting: Meeting) -> str:
    return SUBJECTS[CollaborationKind(meeting.body.collaboration.kind)][0]


def _noun(meeting: Meeting) -> str:
    return SUBJECTS[CollaborationKind(meeting.body.collaboration.kind)][1]


def _opening(meeting: Meeting) -> str:
    collaboration = meeting.body.collaboration
    hospitals = [h.name for h in collaboration.hospitals.all()]
    if collaboration.kind == CollaborationKind.CLUSTER and hospitals:
        return f"{collaboration.name}, som dækker optageområdet for {join_and(hospitals)},"
    return collaboration.name


def _item_verb(item: AgendaItem, first: bool) -> Inline:
    title = (Run(item.title, italic=True),)
    also = "" if first else " også"
    if item.kind == AgendaItemKind.THEME_DISCUSSION:
        return (Run(f"havde{also} temadrøftelse om "), *title)
    if item.kind == AgendaItemKind.STATUS:
        return (Run(f"fik{also} status på "), *title)
    if item.kind == AgendaItemKind.ORIENTATION:
        return (Run(f"blev{also} orienteret om "), *title)
    if item.kind == AgendaItemKind.DECISION:
        return (Run(f"behandlede{also} "), *title)
    return (Run(f"drøftede{also} "), *title)


def _sentence(*parts: Inline | str) -> Paragraph:
    runs: list[Run] = []
    for part in parts:
        runs.extend(plain(part) if isinstance(part, str) else part)
    return Paragraph(tuple(runs))


def _decision_blocks(decision: Decision, subject: str) -> list[Block]:
    blocks: list[Block] = []
    initiatives = list(decision.approved_initiatives.all())
    trial_actions = list(decision.approved_trial_actions.all())
    if initiatives:
        noun = "indsatsen" if len(initiatives) == 1 else "indsatserne"
        names = [(Run(f"'{i.name}'"),) for i in initiatives]
        blocks.append(_sentence(f"{subject} godkendte igangsættelse af {noun} ", join_runs(names), "."))
    if trial_actions:
        named = [lower_first(t.name) for t in trial_actions if t.name]
        text = f"{subject} godkendte igangsættelse af {counted(len(trial_actions), 'prøvehandling', 'prøvehandlinger')}"
        if named and len(named) < len(trial_actions):
            text += f", som blandt andet omfatter {join_and(named, 'samt')}"
        elif named:
            text += f": {join_and(named)}"
        blocks.append(_sentence(text + "."))
    if not initiatives and not trial_actions:
        blocks.append(_sentence(decision.text))
    for allocation in decision.allocations.all():
        blocks.append(
            _sentence(
                f"Der er afsat {danish_amount(allocation.amount)} i klyngemidler til {_allocation_target(allocation)}."
            )
        )
    return blocks


def _allocation_target(allocation: Allocation) -> str:
    """What the money went to, by name: the initiative, else the focus area (one of them is required)."""
    if allocation.initiative is not None:
        return f"indsatsen '{allocation.initiative.name}'"
    assert allocation.focus_area is not None
    return f"fokusområdet '{allocation.focus_area.name}'"


def _figure_blocks(item: AgendaItem) -> list[Block]:
    blocks: list[Block] = []
    threatened: dict[int | None, list[str]] = defaultdict(list)
    for figure in item.reported_figures.all():
        if figure.metric == FigureMetric.GPS_NEEDED and figure.value is not None and figure.area is not None:
            why = f" pga. {lower_first(figure.explanation)}" if figure.explanation else ""
            until = f" frem mod {figure.year}" if figure.year else ""
            blocks.append(
                _sentence(
                    f"For {figure.area.party.name if figure.area.party else figure.area.name} er der behov for {danish_number(figure.value)} nye "
                    f"praktiserende læger{until}{why}."
                )
            )
        elif figure.metric == FigureMetric.GP_THREATENED_AREA and figure.area is not None:
            threatened[figure.year].append(figure.area.name)
        elif figure.value is not None:
            label = figure.label or figure.get_metric_display()
            area = f" i {figure.area.name}" if figure.area else ""
            blocks.append(_sentence(f"{label}{area}: {danish_figure(figure.value, figure.unit)}."))
    for year, areas in threatened.items():
        when = f" i {year}" if year else ""
        blocks.append(_sentence(f"{join_and(areas)} er lægedækningstruede områder{when}."))
    return blocks


def _item_passage(item: AgendaItem, meeting: Meeting, first: bool) -> list[Block]:
    """An item's blocks; a closed item's are one closed passage, so the memo knows where they came from."""
    blocks = _item_blocks(item, meeting, first)
    if item.is_public or not blocks:
        return blocks
    return [ClosedPassage((item.pk,), tuple(b for b in blocks if not isinstance(b, ClosedPassage)))]


def _item_blocks(item: AgendaItem, meeting: Meeting, first: bool) -> list[Block]:
    subject = _subject(meeting)
    initiatives = list(item.initiatives.all())
    approved_here = {i.pk for d in item.decisions.all() for i in d.approved_initiatives.all()}
    discussed = [i for i in initiatives if i.pk not in approved_here]
    who = f"{_opening(meeting)} " if first else f"{subject} "
    if item.kind == AgendaItemKind.STATUS and discussed:
        # As memos write it: "drøftede også status på de politisk besluttede indsatser, som omfatter A og B."
        names = [(Run(i.name, italic=True),) for i in discussed]
        lead: Inline = (
            *plain(f"{who}drøftede{'' if first else ' også'} {lower_first(item.title)}, som omfatter "),
        )
        blocks: list[Block] = [Paragraph((*lead, *join_runs(names), Run(".")))]
        discussed = []
    else:
        blocks = [Paragraph((*plain(who), *_item_verb(item, first), Run(".")))]
    if item.summary.strip():
        blocks.extend(Paragraph(plain(p.strip())) for p in item.summary.split("\n\n") if p.strip())
    focus_areas = list(item.focus_areas_decided.all())
    if focus_areas:
        research = any(
            r.status == FollowUpResearchStatus.CONSIDERED
            for fa in focus_areas
            for r in fa.follow_up_research.all()
        )
        level = "politiske" if meeting.body.is_political else "faglige"
        neuter = _noun(meeting) in ("udvalg", "sundhedsråd", "forum", "sekretariat")
        intro = f"{'Det' if neuter else 'Den'} {level} {_noun(meeting)} har ønsket at have fokus på indsatser på følgende områder"
        intro += ", herunder muligheden for etablering af følgeforskning:" if research else ":"
        blocks.append(_sentence(intro))
        blocks.append(BulletList(tuple(plain(fa.name) for fa in focus_areas)))
    if discussed:
        names = [(Run(i.name, italic=True),) for i in discussed]
        blocks.append(_sentence("Det drejer sig om ", join_runs(names), "."))
    for decision in item.decisions.all():
        blocks.extend(_decision_blocks(decision, subject))
    blocks.extend(_figure_blocks(item))
    return blocks


def _coming_blocks(planned: list[Meeting], memo_year: int) -> list[Block]:
    blocks: list[Block] = []
    for meeting in planned:
        extra = "et ekstra møde" if meeting.is_extra else "møde"
        text = f"Der er planlagt {extra} i {meeting.body.name} {meeting_when(meeting.date, meeting.date_precision)}"
        # A planned meeting's closed items are not named: the memo would become closed for a title.
        titles = [lower_first(i.title) for i in meeting.agenda_items.all() if i.is_public]
        if titles:
            text += f" med mulighed for at drøfte {join_and(titles)}"
        blocks.append(_sentence(text + "."))
    return blocks


def draft_status(request: StatusMemoRequest) -> MemoDocument:
    committee = request.committee
    meetings = selectors.status_memo_meetings(
        party=committee.party, start=request.period_start, end=request.period_end
    )
    document = MemoDocument(title=status_title(committee, request.meeting_date))
    memo_year = request.memo_date.year
    if not meetings:
        document.intro.append(
            _sentence(
                f"Der har ikke været afholdt møder i det tværsektorielle samarbejde i perioden "
                f"{danish_date(request.period_start)} til {danish_date(request.period_end)}, "
                "som der er noget at orientere om."
            )
        )
        return document
    document.intro.append(
        _sentence(
            "Nedenfor fremgår kort status på drøftelser og emner på møder i det tværsektorielle samarbejde og "
            f"i sundhedsklyngerne til {genitive(committee.name)} orientering."
        )
    )
    planned = selectors.planned_meetings_after(
        body_ids=sorted({m.body_id for m in meetings}),
        after=request.period_end,
        until=request.period_end + datetime.timedelta(days=LOOK_AHEAD_DAYS),
    )
    planned_by_collaboration: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in planned:
        planned_by_collaboration[meeting.body.collaboration_id].append(meeting)
    last_meeting_of_collaboration = {m.body.collaboration_id: m.pk for m in meetings}
    for meeting in meetings:
        section = Section(
            heading=f"Møde i {meeting.body.collaboration.name} den {day_in_memo(meeting.date, memo_year)}"
        )
        # Public items first, so the memo's public version still opens with who met.
        items = sorted(meeting.agenda_items.all(), key=lambda i: not i.is_public)
        for index, item in enumerate(items):
            section.blocks.extend(_item_passage(item, meeting, first=index == 0))
        if last_meeting_of_collaboration[meeting.body.collaboration_id] == meeting.pk:
            section.blocks.extend(
                _coming_blocks(planned_by_collaboration[meeting.body.collaboration_id], memo_year)
            )
        document.sections.append(section)
    return document
