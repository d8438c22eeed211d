"""The 2027 reform in the demo: Region Østdanmark and the two health councils the sources name for the
demo's municipalities, from 1 January 2027. Members and seats are not recorded: the sources give neither."""

import datetime

from klynge.bodies.models import BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.demo.reference import SYD_MUNICIPALITIES, Reference
from klynge.demo.sources import Sources
from klynge.kernel.records import update_validated
from klynge.organisation.models import Party, PartyKind
from klynge.organisation.services import party_create
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create

REFORM_DATE = datetime.date(2027, 1, 1)


def create_reform(s: Sources, ref: Reference) -> dict[str, Collaboration]:
    source_create(
        key="lovguiden-overgangsloven-sundhedsreform",
        kind=SourceKind.PUBLIC,
        title="Overgangsloven for sundhedsreformen (L 213, 2024-25)",
        publisher="Lovguiden",
        url="https://www.lovguiden.dk/",
        description=(
            "Overgangsloven regulerer overgangen fra klynger, sundhedssamarbejdsudvalg og sundhedsaftaler til "
            "sundhedsråd og Region Østdanmark pr. 1. januar 2027, så igangværende indsatser kan videreføres."
        ),
    )
    region_oest_source = source_create(
        key="regionoest-dk",
        kind=SourceKind.PUBLIC,
        title="Region Østdanmark",
        publisher="Region Østdanmark",
        url="https://www.regionoest.dk/",
        description=(
            "Region Hovedstaden og Region Sjælland sammenlægges til Region Østdanmark pr. 1. januar 2027. "
            "Der oprettes 17 sundhedsråd af regionale og kommunale politikere; Københavns og Frederiksberg "
            "Kommuner indgår i Sundhedsråd Hovedstaden, og de ni øvrige kommuner fra Sundhedsklynge Syd i "
            "Sundhedsråd Amager og Vestegnen."
        ),
    )
    region_oest = party_create(
        name="Region Østdanmark",
        kind=PartyKind.REGION,
        short_name="Region Øst",
        source=region_oest_source,
        source_note="Region Hovedstaden og Region Sjælland sammenlægges til Region Østdanmark pr. 1. januar 2027.",
    )
    update_validated(region_oest, valid_from=REFORM_DATE)
    # Region Hovedstaden ends with the merger; its clusters and SSU end the same day.
    update_validated(ref.region, valid_to=datetime.date(2026, 12, 31))

    specs: list[tuple[str, list[Party], str]] = [
        (
            "Hovedstaden",
            [ref.copenhagen, ref.frederiksberg],
            "Københavns og Frederiksberg Kommuner indgår i Sundhedsråd Hovedstaden.",
        ),
        (
            "Amager og Vestegnen",
            [ref.municipalities[name] for name in SYD_MUNICIPALITIES],
            "Sundhedsråd Amager og Vestegnen rummer de ni kommuner fra Sundhedsklynge Syd ud over København: "
            + ", ".join(SYD_MUNICIPALITIES)
            + ".",
        ),
    ]
    councils: dict[str, Collaboration] = {}
    for short, municipalities, note in specs:
        council = collaboration_create(
            name=f"Sundhedsråd {short}",
            short_name=short,
            kind=CollaborationKind.HEALTH_COUNCIL,
            description=(
                "Et af de 17 sundhedsråd fra 1. januar 2027, med regionale og kommunale politikere. Kun de "
                "kommuner, kilderne nævner, er registreret; medlemmer og pladser oplyser kilderne ikke."
            ),
            region=region_oest,
            parties=[region_oest, *municipalities],
            valid_from=REFORM_DATE,
            source=region_oest_source,
            source_note=note + " (L 214 2024-25; overgangsloven; regionoest.dk)",
        )
        body_create(
            collaboration=council,
            level=BodyLevel.POLITICAL,
            name=f"Sundhedsråd {short} (politisk)",
            description="Rådets politiske niveau: regionale og kommunale politikere.",
            valid_from=REFORM_DATE,
            source=s.reform,
            source_note="Sundhedsrådene består af regionale og kommunale politikere (L 214 2024-25).",
        )
        councils[short] = council
    return councils
