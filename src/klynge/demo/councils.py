"""The health councils at work in the demo: Sundhedsråd Nordsjælland's recommendation of 4 March 2026 to
the regional council (the council recommends, the regional council decides), the four services moving in
2027 as topics, and the councils' investment fund (investeringsmotor), whose size the sources do not give.

Everything here is from public sources named on each record; what they do not say (the council's
municipalities and members, the regional council's decision of 17 March 2026, the fund's amount) is not
recorded."""

import datetime

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.demo.reference import Reference
from klynge.demo.reform import REFORM_DATE
from klynge.meetings.models import AgendaItemKind, DecisionKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.organisation.models import Party, Topic
from klynge.organisation.services import topic_create
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create
from klynge.work.models import FundKind
from klynge.work.services import fund_create

# The services the councils oversee from 2027 ("acute nursing, patient-oriented prevention, specialized
# rehabilitation, and regional health and care beds", mtrconsult's summary of the January 2026 handbook;
# the same four in Region Østdanmark's press release of 5 March 2026).
TRANSFERRED_SERVICES = (
    "Akutsygepleje",
    "Patientrettet forebyggelse",
    "Specialiseret rehabilitering",
    "Sundheds- og omsorgspladser",
)
PREPARATORY_YEAR = datetime.date(2026, 1, 1)
NORDSJAELLAND_MEETING = datetime.date(2026, 3, 4)  # "Efter et møde onsdag", press release Thursday 5.3.2026


def create_transferred_service_topics() -> dict[str, Topic]:
    return {
        name: Topic.objects.filter(name=name).first() or topic_create(name=name)
        for name in TRANSFERRED_SERVICES
    }


def create_council_work(ref: Reference, councils: dict[str, Collaboration]) -> None:
    topics = create_transferred_service_topics()
    region_oest = Party.objects.get(name="Region Østdanmark")
    _nordsjaelland_recommendation(region_oest, topics)
    _investment_funds(councils)


def _nordsjaelland_recommendation(region_oest: Party, topics: dict[str, Topic]) -> None:
    press_release = source_create(
        key="regionoest-2026-03-05-sundhedsraad-nordsjaelland",
        kind=SourceKind.PUBLIC,
        title="Sundhedsråd Nordsjælland peger på ny opgavefordeling",
        publisher="Region Østdanmark (pressemeddelelse via Ritzau)",
        date=datetime.date(2026, 3, 5),
        url="https://via.ritzau.dk/pressemeddelelse/14819910/sundhedsrad-nordsjaelland-peger-pa-ny-opgavefordeling?lang=da",
        description=(
            "Et flertal i Sundhedsråd Nordsjælland er enige om, hvem der fra 2027 skal drive akutsygepleje, "
            "sundheds- og omsorgspladser, patientrettet forebyggelse og specialiseret rehabilitering. "
            "Beslutningen træffes endeligt i regionsrådet den 17. marts. Formand: Christoffer Buster "
            "Reinhardt (K)."
        ),
    )
    council = collaboration_create(
        name="Sundhedsråd Nordsjælland",
        short_name="Nordsjælland",
        kind=CollaborationKind.HEALTH_COUNCIL,
        description=(
            "Et af de 17 sundhedsråd: et stående udvalg under regionsrådet i Region Østdanmark, der indstiller "
            "til regionsrådet. Arbejdede i 2026 som forberedende sundhedsråd. Rådets kommuner og medlemmer "
            "er ikke registreret: kilden nævner dem ikke."
        ),
        region=region_oest,
        parties=[region_oest],
        valid_from=PREPARATORY_YEAR,
        source=press_release,
        source_note="Sundhedsråd Nordsjælland holdt møde onsdag den 4. marts 2026 (pressemeddelelse 5.3.2026).",
    )
    body = body_create(
        collaboration=council,
        level=BodyLevel.POLITICAL,
        name="Sundhedsråd Nordsjælland (politisk)",
        description="Rådets politiske niveau: regionale og kommunale politikere.",
        valid_from=PREPARATORY_YEAR,
        source=press_release,
    )
    meeting = meeting_create(
        body=body,
        date=NORDSJAELLAND_MEETING,
        status=MeetingStatus.HELD,
        source=press_release,
        source_note="»Efter et møde onsdag anbefaler Sundhedsråd Nordsjælland …« (torsdag 5. marts 2026).",
    )
    item = agenda_item_create(
        meeting=meeting,
        title="Opgavefordelingen fra 2027 og fordelingen af sundheds- og omsorgspladser",
        kind=AgendaItemKind.DECISION,
        summary=(
            "Hvem driver fra 2027 akutsygepleje, sundheds- og omsorgspladser, patientrettet forebyggelse og "
            "specialiseret rehabilitering, og hvor placeres sundheds- og omsorgspladserne?"
        ),
        topics=list(topics.values()),
        source=press_release,
    )
    decision_create(
        agenda_item=item,
        kind=DecisionKind.COUNCIL_RECOMMENDATION,
        text=(
            "Sundhedsrådet indstiller, at akutsygeplejen, sundheds- og omsorgspladserne og den specialiserede "
            "rehabilitering varetages af regionen fra 2027, mens den patientrettede forebyggelse fortsat "
            "varetages kommunalt."
        ),
        recommended_to=region_oest,
        source=press_release,
        source_note=(
            "»… anbefaler Sundhedsråd Nordsjælland, at akutsygeplejen, sundheds- og omsorgspladserne og den "
            "specialiserede rehabilitering skal varetages af regionen fra 2027, mens den patientrettede "
            "forebyggelse fortsat skal varetages kommunalt.« Beslutningen træffes i regionsrådet 17. marts."
        ),
    )
    decision_create(
        agenda_item=item,
        kind=DecisionKind.COUNCIL_RECOMMENDATION,
        text="Sundhedsrådet indstiller, at 169 sundheds- og omsorgspladser fordeles på syv lokationer fra "
        "1. januar 2027.",
        topic=topics["Sundheds- og omsorgspladser"],
        recommended_to=region_oest,
        source=press_release,
        source_note="»Sundhedsrådet har blandt andet indstillet, at 169 sundheds- og omsorgspladser fordeles på "
        "syv lokationer fra 1. januar 2027.«",
    )


def _investment_funds(councils: dict[str, Collaboration]) -> None:
    """Each council's investment fund for 2027, its amount not given by any source."""
    kl = source_create(
        key="kl-hoeringssvar-l214-investeringsmotor",
        kind=SourceKind.PUBLIC,
        title="KL's høringssvar til forslag til lov om ændring af regionsloven (ny regional forvaltningsmodel)",
        publisher="KL",
        url="https://kl.dk/hoeringssvar/sundhed-og-aeldre/2025/hoeringssvar-forslag-til-lov-om-aendring-af-regionsloven-og-forskellige-andre-love-ny-regional-forvaltningsmodel",
        description=(
            "Sundhedsrådene skal »udmønte den betydelige økonomiske ramme i form af en investeringsmotor til "
            "nære sundhedsindsatser« (lovforslaget, citeret af KL)."
        ),
    )
    for council in councils.values():
        body = council.bodies.get(level=BodyLevel.POLITICAL)
        fund_create(
            body=body,
            year=REFORM_DATE.year,
            name=f"Investeringsmotor {REFORM_DATE.year} – {council.name}",
            kind=FundKind.INVESTMENT_FUND,
            description="Sundhedsrådets ramme til nære sundhedsindsatser. Rammens størrelse er ikke oplyst.",
            source=kl,
        )
