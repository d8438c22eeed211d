"""Proposals for a coming meeting's agenda in the demo: the secretariat's work in progress, as example data.

The sources name no coming meeting (the demo's meetings are all in the past), so to show how parties
propose items and the secretariat takes them onto the agenda, the demo adds one coming meeting of
Sundhedsråd Hovedstaden, the council Copenhagen takes part in from 2027, a few weeks after the day the
demo is loaded (its agenda not yet published). Its two proposals from Københavns Kommune take up topics
the 2023 status memo names, and say in their own text that they are the demo's example drafts: one is
accepted onto the agenda, one awaits the secretariat. Everything here carries an example source
("Eksempeldata"), never a real one.
"""

import datetime

from django.utils import timezone

from klynge.bodies.models import Body
from klynge.kernel.records import update_validated
from klynge.meetings.models import AgendaItemKind, AgendaItemProposal
from klynge.meetings.services import meeting_create, proposal_accept, proposal_create
from klynge.organisation.models import Party
from klynge.provenance.models import Source, SourceKind
from klynge.provenance.services import source_create

COUNCIL_BODY = "Sundhedsråd Hovedstaden (politisk)"
FIRST_POSSIBLE = datetime.date(2027, 2, 1)  # the council exists from 1 January 2027
MEETING_TITLE = "Kommende møde (eksempel)"
DRAFT = "Arbejdsudkast fra sekretariatet – eksempel i Klynges demo, ikke et virkeligt forslag."

ACCEPTED = (
    "Den ældre medicinske patient i sundhedsrådets arbejde",
    AgendaItemKind.DISCUSSION,
    f"{DRAFT}\n\n"
    "Kommunesiden ønskede på mødet i Sundhedsklynge Byen den 28. november 2023 et særligt fokus på den "
    "ældre medicinske patient, og Sundhedsklynge Syd har den ældre medicinske patient blandt de områder, "
    "den har ønsket fokus på (statusnotat til Sundheds- og Omsorgsudvalget, 11. december 2023).\n\n"
    "Punktet skal give sundhedsrådet lejlighed til at drøfte, hvordan klyngernes arbejde med målgruppen "
    "føres videre.",
    "Det indstilles, at sundhedsrådet drøfter, hvordan arbejdet med den ældre medicinske patient føres "
    "videre.",
)
PENDING = (
    "Samarbejde og koordination ved udskrivelser – status",
    AgendaItemKind.ORIENTATION,
    f"{DRAFT}\n\n"
    "Sundhedssamarbejdsudvalget besluttede den 1. december 2023 at sætte fokus på tiltag, der kan sikre "
    "bedre samarbejde og koordination i forbindelse med udskrivelser (statusnotat til Sundheds- og "
    "Omsorgsudvalget, 11. december 2023).\n\n"
    "Sekretariatet foreslår en orientering om, hvor arbejdet står.",
    "Det indstilles, at sundhedsrådet tager orienteringen til efterretning.",
)


def _example_source() -> Source:
    return source_create(
        key="eksempel-forslag-til-dagsorden",
        kind=SourceKind.EXAMPLE,
        title="Eksempel: et kommende møde med forslag til dagsordenen (ikke et virkeligt møde)",
        publisher="Klynge",
        description=(
            "Klynges demo opretter et kommende møde i Sundhedsråd Hovedstaden med to forslag fra Københavns "
            "Kommune, så arbejdet med forslag til dagsordenen kan vises. Mødet, datoen og forslagene er "
            "eksempler; emnerne er dem, statusnotatet af 11. december 2023 nævner."
        ),
    )


def meeting_day(today: datetime.date) -> datetime.date:
    """Six weeks after the day the demo is loaded, and not before the council's first month is over."""
    return max(FIRST_POSSIBLE, today + datetime.timedelta(weeks=6))


def create_proposals() -> list[AgendaItemProposal]:
    source = _example_source()
    day = meeting_day(timezone.localdate())
    deadline = timezone.make_aware(
        datetime.datetime.combine(day - datetime.timedelta(weeks=2), datetime.time(12))
    )
    meeting = meeting_create(
        body=Body.objects.get(name=COUNCIL_BODY),
        date=day,
        title=MEETING_TITLE,
        submission_deadline=deadline,
        agenda_published=False,
        source=source,
        source_note=(
            "Eksempel: kilderne nævner ingen mødedato; datoen følger den dag, demoen er indlæst. Tidspunkt og "
            "sted er ikke angivet."
        ),
    )
    copenhagen = Party.objects.get(name="Københavns Kommune")
    proposals = [
        proposal_create(
            meeting=meeting,
            party=copenhagen,
            proposed_by=None,
            title=title,
            kind=kind,
            case_description=case_description,
            recommendation=recommendation,
        )
        for title, kind, case_description, recommendation in (ACCEPTED, PENDING)
    ]
    item = proposal_accept(proposal=proposals[0], by=None)
    update_validated(item, source=source, source_note=f"{item.source_note} Eksempel i Klynges demo.")
    return [AgendaItemProposal.objects.get(pk=p.pk) for p in proposals]
