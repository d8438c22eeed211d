"""Københavns Kommune: its administrations, committees, the coordination forum and cluster
secretariat it takes part in, and the politicians named in the 2022 memo with their seats."""

from dataclasses import dataclass

from klynge.bodies.models import Collaboration, CollaborationKind, Membership
from klynge.bodies.services import collaboration_create, membership_create, seat_set, substitution_create
from klynge.demo.reference import STRUCTURE_START, Reference, T
from klynge.demo.sources import Memo2022, Sources
from klynge.organisation.models import Administration, Committee, Person
from klynge.organisation.services import administration_create, committee_create, person_create


@dataclass
class Copenhagen:
    suf: Administration
    sof: Administration
    buf: Administration
    sou: Committee
    buu: Committee
    soc: Committee
    coordination_forum: Collaboration
    secretariat: Collaboration
    sisse: Person
    line: Person
    karina: Person
    jakob: Person
    sisse_byen: Membership
    sisse_syd: Membership
    line_byen: Membership


SUBSTITUTE_NOTE = (
    Memo2022.SUBSTITUTES + " Emnerne, stedfortræderen dækker, er udledt af borgmesterens ressortområde; "
    "notatet nævner ikke emner."
)


def create_copenhagen(s: Sources, ref: Reference) -> Copenhagen:
    kk = ref.copenhagen
    suf = administration_create(
        party=kk,
        name="Sundheds- og Omsorgsforvaltningen",
        abbreviation="SUF",
        source=s.memo_2022,
        source_note=Memo2022.SECRETARIAT,
    )
    sof = administration_create(
        party=kk,
        name="Socialforvaltningen",
        abbreviation="SOF",
        source=s.memo_2022,
        source_note=Memo2022.SECRETARIAT,
    )
    buf = administration_create(
        party=kk,
        name="Børne- og Ungdomsforvaltningen",
        abbreviation="BUF",
        source=s.memo_2022,
        source_note=Memo2022.SECRETARIAT,
    )

    sou = committee_create(
        party=kk,
        name="Sundheds- og Omsorgsudvalget",
        code="SOU",
        administration=suf,
        topics=ref.topic(
            T.HOSPITAL_TREATMENT,
            T.ELDERLY,
            T.CHRONIC,
            T.TRAINING,
            T.ADMISSIONS,
            T.TEMPORARY_PLACES,
            T.GP_COVERAGE,
            T.RESEARCH,
            T.CROSS_SECTOR,
            T.PREVENTION,
            T.SUBSTANCES,
            T.OVERWEIGHT,
            T.PSYCHIATRY,
        ),
        source=s.memo_2023,
        source_note=(
            "Statusnotatet er skrevet »til møde i Sundheds- og Omsorgsudvalget den 14. december 2023«. "
            "Udvalgets emner er demoens skøn ud fra udvalgets ressort."
        ),
    )
    buu = committee_create(
        party=kk,
        name="Børne- og Ungdomsudvalget",
        code="BUU",
        administration=buf,
        topics=ref.topic(T.CHILDREN, T.BIRTHS, T.BREASTFEEDING, T.WELLBEING, T.OVERWEIGHT, T.PSYCHIATRY),
        source=s.memo_2022,
        source_note=(
            "Notatet fra 2022 er stilet »Til Børne- og Ungdomsudvalget« og handler om de fokusområder, der "
            "grænser op til børne- og ungeområdet. Udvalgets emner er demoens skøn ud fra udvalgets ressort."
        ),
    )
    soc = committee_create(
        party=kk,
        name="Socialudvalget",
        code="SOC",
        administration=sof,
        topics=ref.topic(T.VULNERABLE, T.SUBSTANCES, T.PSYCHIATRY, T.RESIDENTIAL_CARE),
        source=s.memo_2022,
        source_note=(
            "Socialforvaltningen indgår i klyngesekretariatet, og socialborgmesteren kan deltage som "
            "stedfortræder; udvalget nævnes ikke selv i notatet. Udvalgets emner er demoens skøn ud fra "
            "udvalgets ressort."
        ),
    )

    byen = ref.clusters["Byen"]
    syd = ref.clusters["Syd"]
    coordination_forum = collaboration_create(
        name="Koordinationsforum for Københavns Kommune og Region Hovedstaden",
        short_name="Koordinationsforum",
        kind=CollaborationKind.COORDINATION_FORUM,
        description=(
            "Forummet skal sikre ensartede hospitalstilbud for de københavnske borgere på tværs af "
            "sundhedsklyngerne. Hvornår det blev etableret, fremgår ikke af kilden."
        ),
        region=ref.region,
        parties=[kk, ref.region],
        spans=[byen.collaboration, syd.collaboration],
        source=s.memo_2022,
        source_note=Memo2022.COORDINATION_FORUM,
    )
    secretariat = collaboration_create(
        name="KK-klyngesekretariatet",
        short_name="KK-klyngesekretariat",
        kind=CollaborationKind.SECRETARIAT,
        description=("Sekretariatet skal sikre koordination og viden ind i sundhedsklyngernes arbejde."),
        parties=[kk],
        host_party=kk,
        administrations=[suf, sof, buf],
        spans=[byen.collaboration, syd.collaboration],
        source=s.memo_2022,
        source_note=Memo2022.SECRETARIAT,
    )

    sisse = person_create(
        name="Sisse Marie Welling",
        party=kk,
        title="Sundheds- og omsorgsborgmester",
        source=s.memo_2022,
        source_note=Memo2022.MAYOR,
    )
    line = person_create(
        name="Line Ervolder",
        party=kk,
        title="Næstforperson i Sundheds- og Omsorgsudvalget",
        source=s.memo_2022,
        source_note=Memo2022.SEATS,
    )
    karina = person_create(
        name="Karina Vestergård Madsen",
        party=kk,
        title="Socialborgmester",
        source=s.memo_2022,
        source_note=Memo2022.SUBSTITUTES,
    )
    jakob = person_create(
        name="Jakob Næsager",
        party=kk,
        title="Børne- og ungdomsborgmester",
        source=s.memo_2022,
        source_note=Memo2022.SUBSTITUTES,
    )

    seat_set(body=byen.political, party=kk, count=2, source=s.memo_2022, source_note=Memo2022.SEATS)
    # No seat count for Syd: the sources do not give it.
    start_note = (
        " Startdatoen er klyngestrukturens start (1. juli 2022); notatet angiver ikke, hvornår medlemskabet "
        "begyndte."
    )
    sisse_byen = membership_create(
        person=sisse,
        body=byen.political,
        party=kk,
        title="sundheds- og omsorgsborgmester",
        start=STRUCTURE_START,
        source=s.memo_2022,
        source_note=Memo2022.MAYOR + start_note,
    )
    sisse_syd = membership_create(
        person=sisse,
        body=syd.political,
        party=kk,
        title="sundheds- og omsorgsborgmester",
        start=STRUCTURE_START,
        source=s.memo_2022,
        source_note=Memo2022.MAYOR + start_note,
    )
    line_byen = membership_create(
        person=line,
        body=byen.political,
        party=kk,
        title="næstforperson i Sundheds- og Omsorgsudvalget",
        start=STRUCTURE_START,
        source=s.memo_2022,
        source_note=Memo2022.SEATS + start_note,
    )
    condition = "hvis det er mere relevant i forhold til dagsordenen"
    for principal in (sisse_byen, sisse_syd):
        substitution_create(
            principal=principal,
            substitute=karina,
            start=principal.start,
            topics=ref.topic(T.VULNERABLE, T.SUBSTANCES, T.PSYCHIATRY),
            condition=condition,
            source=s.memo_2022,
            source_note=SUBSTITUTE_NOTE,
        )
        substitution_create(
            principal=principal,
            substitute=jakob,
            start=principal.start,
            topics=ref.topic(T.CHILDREN, T.BIRTHS, T.BREASTFEEDING, T.WELLBEING),
            condition=condition,
            source=s.memo_2022,
            source_note=SUBSTITUTE_NOTE,
        )

    return Copenhagen(
        suf=suf,
        sof=sof,
        buf=buf,
        sou=sou,
        buu=buu,
        soc=soc,
        coordination_forum=coordination_forum,
        secretariat=secretariat,
        sisse=sisse,
        line=line,
        karina=karina,
        jakob=jakob,
        sisse_byen=sisse_byen,
        sisse_syd=sisse_syd,
        line_byen=line_byen,
    )
