# Danish typography uses the en dash in running text.
"""What happened at the meetings the two memos report: agenda items, decisions, focus areas,
initiatives, trial actions, follow-up research, cluster funds and reported GP-coverage figures."""

import datetime
from collections.abc import Iterable
from typing import Any

from klynge.demo.reference import Reference, T
from klynge.demo.sources import Memo2022, Memo2023, Sources
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    DecisionKind,
    FigureMetric,
    MeetingStatus,
)
from klynge.meetings.services import (
    agenda_item_create,
    decision_create,
    meeting_create,
    reported_figure_create,
)
from klynge.work.models import (
    FocusArea,
    FocusAreaStatus,
    FollowUpResearchStatus,
    Initiative,
    InitiativeStatus,
)
from klynge.work.services import (
    agenda_item_links_set,
    allocation_create,
    focus_area_create,
    follow_up_research_create,
    fund_create,
    initiative_approve,
    initiative_create,
    trial_action_create,
)

YEAR_NOTE = " Notatet nævner datoen uden årstal; året følger af notatets dato (11. december 2023)."
WITHIN_COMPETENCE = (
    " Beslutningens emne er tværsektorielt samarbejde: at godkende indsatser og fordele klyngemidler ligger "
    "inden for klyngens kompetence og hører ikke under en parts myndighed. " + Memo2022.JOINT_DECISIONS
)


def linked_item(
    *, focus_areas: Iterable[FocusArea] = (), initiatives: Iterable[Initiative] = (), **item: Any
) -> AgendaItem:
    """An agenda item (meetings' service) with the focus areas and initiatives it concerns (work's)."""
    agenda_item = agenda_item_create(**item)
    return agenda_item_links_set(agenda_item=agenda_item, focus_areas=focus_areas, initiatives=initiatives)


def create_timeline(s: Sources, ref: Reference) -> None:
    breastfeeding, overweight = create_kickoff_and_2023_plans(s, ref)
    create_ssu_meetings(s, ref)
    create_syd_november_2023(s, ref, breastfeeding=breastfeeding, overweight=overweight)
    create_byen_november_2023(s, ref)


def create_kickoff_and_2023_plans(s: Sources, ref: Reference) -> tuple[FocusArea, FocusArea]:
    """The kick-off meetings of 28 September 2022 and the theme discussions planned for 2023 (memo 2022).

    Returns Syd's focus areas on breastfeeding and overweight, which later initiatives belong to."""
    byen = ref.clusters["Byen"]
    syd = ref.clusters["Syd"]
    kickoff_day = datetime.date(2022, 9, 28)

    byen_kickoff = meeting_create(
        body=byen.political,
        date=kickoff_day,
        status=MeetingStatus.HELD,
        title="Sættemøde",
        source=s.memo_2022,
        source_note=Memo2022.KICKOFF,
    )
    byen_item = agenda_item_create(
        meeting=byen_kickoff,
        title="Indledende drøftelse af fokusområder",
        kind=AgendaItemKind.DISCUSSION,
        summary=(
            "Indledende drøftelse af fokusområder i klyngen. Blandt de områder, der grænser op til børne- og "
            "ungeområdet: børn og unge i mistrivsel og fødeområdet (optageområdet og sektorovergange mellem "
            "hospital og kommune)."
        ),
        topics=ref.topic(T.CHILDREN, T.WELLBEING, T.BIRTHS, T.CROSS_SECTOR),
        source=s.memo_2022,
        source_note=Memo2022.KICKOFF,
    )
    wellbeing = focus_area_create(
        name="Børn og unge i mistrivsel",
        collaborations=[byen.collaboration, syd.collaboration],
        status=FocusAreaStatus.DISCUSSED,
        description=(
            "Drøftet i både Sundhedsklynge Byen og Sundhedsklynge Syd på sættemøderne 28. september 2022. "
            "Registreret som drøftet på Byens møde; Syds drøftelse er knyttet via Syds dagsordenspunkt."
        ),
        topics=ref.topic(T.CHILDREN, T.WELLBEING),
        decided_at=byen_item,
        source=s.memo_2022,
        source_note=Memo2022.WELLBEING + " " + Memo2022.NEWBORNS,
    )
    births = focus_area_create(
        name="Fødeområdet – optageområde og sektorovergange mellem hospital og kommune",
        collaborations=[byen.collaboration],
        status=FocusAreaStatus.DISCUSSED,
        description=(
            "Optageområdet (hvilket hospital man som borger hører til) og sektorovergange mellem hospital og "
            "kommune, bl.a. for familier med nyfødte. Fødeoptageområdet selv er ikke registreret, fordi "
            "ingen kilde oplyser det."
        ),
        topics=ref.topic(T.BIRTHS, T.CROSS_SECTOR),
        decided_at=byen_item,
        source=s.memo_2022,
        source_note=Memo2022.BIRTHS,
    )

    syd_kickoff = meeting_create(
        body=syd.political,
        date=kickoff_day,
        status=MeetingStatus.HELD,
        title="Sættemøde",
        source=s.memo_2022,
        source_note=Memo2022.KICKOFF,
    )
    syd_item = linked_item(
        meeting=syd_kickoff,
        title="Indledende drøftelse af fokusområder",
        kind=AgendaItemKind.DISCUSSION,
        summary=(
            "Indledende drøftelse af fokusområder i klyngen. Blandt de områder, der grænser op til børne- og "
            "ungeområdet: børn og unge i mistrivsel, ammeindsats og indsats om overvægt, evt. på "
            "børneområdet."
        ),
        topics=ref.topic(T.CHILDREN, T.WELLBEING, T.BREASTFEEDING, T.OVERWEIGHT),
        focus_areas=[wellbeing],
        source=s.memo_2022,
        source_note=Memo2022.KICKOFF,
    )
    breastfeeding = focus_area_create(
        name="Ammeindsats",
        collaborations=[syd.collaboration],
        status=FocusAreaStatus.DISCUSSED,
        topics=ref.topic(T.BREASTFEEDING, T.BIRTHS),
        decided_at=syd_item,
        source=s.memo_2022,
        source_note=Memo2022.BREASTFEEDING,
    )
    overweight = focus_area_create(
        name="Indsats om overvægt, evt. på børneområdet",
        collaborations=[syd.collaboration],
        status=FocusAreaStatus.DISCUSSED,
        topics=ref.topic(T.OVERWEIGHT, T.CHILDREN),
        decided_at=syd_item,
        source=s.memo_2022,
        source_note=Memo2022.OVERWEIGHT,
    )

    planned_note = (
        " Status er »planlagt« som i kilden, der er skrevet før mødet; om og hvordan mødet blev holdt, "
        "fremgår ikke af kilderne."
    )
    january = meeting_create(
        body=byen.political,
        date=datetime.date(2023, 1, 10),
        status=MeetingStatus.PLANNED,
        source=s.memo_2022,
        source_note=Memo2022.JANUARY + planned_note,
    )
    linked_item(
        meeting=january,
        title="Temadrøftelse om fødeområdet",
        kind=AgendaItemKind.THEME_DISCUSSION,
        summary=(
            "Temadrøftelse på fødeområdet, hvor der blandt andet skal drøftes overgang mellem hospital og "
            "kommune."
        ),
        topics=ref.topic(T.BIRTHS, T.CROSS_SECTOR),
        focus_areas=[births],
        source=s.memo_2022,
        source_note=Memo2022.JANUARY,
    )
    may = meeting_create(
        body=byen.political,
        date=datetime.date(2023, 5, 2),
        status=MeetingStatus.PLANNED,
        source=s.memo_2022,
        source_note=Memo2022.MAY + planned_note,
    )
    linked_item(
        meeting=may,
        title="Temadrøftelse om børn og unge i mistrivsel",
        kind=AgendaItemKind.THEME_DISCUSSION,
        is_tentative=True,
        topics=ref.topic(T.CHILDREN, T.WELLBEING),
        focus_areas=[wellbeing],
        source=s.memo_2022,
        source_note=Memo2022.MAY + " Punktet er forventet (»forventeligt«).",
    )
    return breastfeeding, overweight


def create_ssu_meetings(s: Sources, ref: Reference) -> None:
    """SSU on 13 October and 1 December 2023 (memo 2023)."""
    october = meeting_create(
        body=ref.ssu_body,
        date=datetime.date(2023, 10, 13),
        status=MeetingStatus.HELD,
        source=s.memo_2023,
        source_note=Memo2023.SSU_BACKGROUND,
    )
    agenda_item_create(
        meeting=october,
        title="Opgørelse af de midlertidige pladser blandt kommunerne i hovedstadsregionen",
        kind=AgendaItemKind.DISCUSSION,
        topics=ref.topic(T.TEMPORARY_PLACES, T.ADMISSIONS),
        source=s.memo_2023,
        source_note=(
            Memo2023.SSU_BACKGROUND
            + " Punktets type, indhold og en eventuel beslutning fremgår ikke af kilden."
        ),
    )

    december = meeting_create(
        body=ref.ssu_body,
        date=datetime.date(2023, 12, 1),
        status=MeetingStatus.HELD,
        source=s.memo_2023,
        source_note=Memo2023.SSU_ITEM + YEAR_NOTE,
    )
    admissions = agenda_item_create(
        meeting=december,
        title="Samarbejde og koordination i forbindelse med indlæggelser og udskrivelser",
        kind=AgendaItemKind.DISCUSSION,
        summary=(
            "Baggrunden var sagen om opgørelse af de midlertidige pladser blandt kommunerne i "
            "hovedstadsregionen på SSU's møde 13. oktober 2023. På mødet blev der givet en status for "
            "igangsatte tværsektorielle aktiviteter på området, herunder eksempler på samarbejder fra "
            "sundhedsklyngerne i hovedstadsregionen."
        ),
        topics=ref.topic(T.ADMISSIONS, T.TEMPORARY_PLACES, T.CROSS_SECTOR),
        source=s.memo_2023,
        source_note=" ".join((Memo2023.SSU_ITEM, Memo2023.SSU_BACKGROUND, Memo2023.SSU_STATUS)),
    )
    decision_create(
        agenda_item=admissions,
        kind=DecisionKind.JOINT,
        text=(
            "Udvalget besluttede at sætte fokus på tiltag, der kan sikre bedre samarbejde og koordination i "
            "forbindelse med udskrivelser."
        ),
        topic=ref.topics[T.ADMISSIONS],
        source=s.memo_2023,
        source_note=Memo2023.SSU_DECISION,
    )

    gp_results = agenda_item_create(
        meeting=december,
        title="Resultater fra lægedækningsundersøgelsen",
        kind=AgendaItemKind.DISCUSSION,
        topics=ref.topic(T.GP_COVERAGE),
        source=s.memo_2023,
        source_note=Memo2023.GP_ITEMS,
    )
    reported_figure_create(
        agenda_item=gp_results,
        metric=FigureMetric.GPS_NEEDED,
        label="Behov for nye læger i Københavns Kommune frem mod 2027",
        area=ref.municipality_areas["København"],
        value=62,
        unit="læger",
        year=2027,
        explanation="Befolkningstilvækst og læger, der går på pension",
        source=s.memo_2023,
        source_note=Memo2023.GP_62,
    )
    reported_figure_create(
        agenda_item=gp_results,
        metric=FigureMetric.GPS_NEEDED,
        label="Behov for læger på Amager frem mod 2027",
        area=ref.amager,
        value=17,
        unit="læger",
        year=2027,
        source=s.memo_2023,
        source_note=Memo2023.GP_17 + " Tallet indgår i den langsigtede prognose for Københavns Kommune.",
    )

    threatened = agenda_item_create(
        meeting=december,
        title="Lægedækningstruede områder for 2024",
        kind=AgendaItemKind.DISCUSSION,
        topics=ref.topic(T.GP_COVERAGE),
        source=s.memo_2023,
        source_note=Memo2023.GP_ITEMS,
    )
    for area in (ref.amager, ref.districts["Bispebjerg"], ref.districts["Nørrebro"]):
        reported_figure_create(
            agenda_item=threatened,
            metric=FigureMetric.GP_THREATENED_AREA,
            label=f"Lægedækningstruet område i 2024: {area.name}",
            area=area,
            year=2024,
            source=s.memo_2023,
            source_note=(
                Memo2023.GP_THREATENED + " Området er registreret som det tilsvarende københavnske område; "
                "regionens præcise afgrænsning fremgår ikke af kilden."
            ),
        )


# The five areas Syd's political level wanted to focus on, 16 November 2023.
SYD_FOCUS_AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Midlertidige pladser", (T.TEMPORARY_PLACES, T.ADMISSIONS)),
    ("Alkoholscreening", (T.SUBSTANCES, T.PREVENTION)),
    ("Den ældre medicinske patient", (T.ELDERLY,)),
    ("Organisatoriske forløbspakker", (T.CROSS_SECTOR,)),
    ("Botilbudslæger", (T.GP_COVERAGE, T.RESIDENTIAL_CARE)),
)


def create_syd_november_2023(
    s: Sources, ref: Reference, *, breastfeeding: FocusArea, overweight: FocusArea
) -> None:
    """Political Syd, 16 November 2023: research theme, five focus areas, status of decided initiatives."""
    syd = ref.clusters["Syd"]
    meeting = meeting_create(
        body=syd.political,
        date=datetime.date(2023, 11, 16),
        status=MeetingStatus.HELD,
        source=s.memo_2023,
        source_note=Memo2023.SYD_THEME + YEAR_NOTE,
    )
    research = agenda_item_create(
        meeting=meeting,
        title="Erfaringer og potentiale for tværsektoriel forskning i sundhedsklyngen",
        kind=AgendaItemKind.THEME_DISCUSSION,
        topics=ref.topic(T.RESEARCH, T.CROSS_SECTOR),
        source=s.memo_2023,
        source_note=Memo2023.SYD_THEME,
    )
    for name, topic_names in SYD_FOCUS_AREAS:
        focus_area = focus_area_create(
            name=name,
            collaborations=[syd.collaboration],
            status=FocusAreaStatus.ADOPTED,
            topics=ref.topic(*topic_names),
            decided_at=research,
            source=s.memo_2023,
            source_note=Memo2023.SYD_FOCUS,
        )
        follow_up_research_create(
            title=f"Mulighed for følgeforskning: {name}",
            status=FollowUpResearchStatus.CONSIDERED,
            focus_area=focus_area,
            description="Klyngen ønsker at undersøge muligheden for at etablere følgeforskning på området.",
            source=s.memo_2023,
            source_note=Memo2023.SYD_FOCUS,
        )

    approved_note = (
        Memo2023.SYD_STATUS
        + " Indsatsen er politisk besluttet i Sundhedsklynge Syd; beslutningen ligger før "
        "kilderne og er ikke registreret."
    )
    initiatives = [
        initiative_create(
            name=name,
            collaboration=syd.collaboration,
            focus_area=focus_area,
            description=description,
            approved_by_body=syd.political,
            status=InitiativeStatus.APPROVED,
            source=s.memo_2023,
            source_note=approved_note,
        )
        for name, focus_area, description in (
            ("Den gode overgang", None, "Fra indlæggelse til udskrivelse."),
            ("Tværsektoriel indsats om overvægt", overweight, ""),
            ("Den gode start på livet", breastfeeding, "Fælles ammeindsats."),
            (
                "Implementering af samarbejdsaftalerne på børne- og ungepsykiatrien hhv. voksenpsykiatrien",
                None,
                "",
            ),
        )
    ]
    linked_item(
        meeting=meeting,
        title="Status på de politisk besluttede indsatser",
        kind=AgendaItemKind.STATUS,
        topics=ref.topic(T.ADMISSIONS, T.OVERWEIGHT, T.BREASTFEEDING, T.PSYCHIATRY),
        focus_areas=[breastfeeding, overweight],
        initiatives=initiatives,
        source=s.memo_2023,
        source_note=Memo2023.SYD_STATUS,
    )


def create_byen_november_2023(s: Sources, ref: Reference) -> None:
    """Political Byen, 28 November 2023: two initiatives, six trial actions, cluster funds, focus for 2024."""
    byen = ref.clusters["Byen"]
    meeting = meeting_create(
        body=byen.political,
        date=datetime.date(2023, 11, 28),
        status=MeetingStatus.HELD,
        source=s.memo_2023,
        source_note=Memo2023.BYEN_VULNERABLE + YEAR_NOTE,
    )
    fund = fund_create(
        body=byen.political,
        year=2023,
        name="Klyngemidler Sundhedsklynge Byen 2023",
        amount=None,
        description=(
            "Klyngemidler, som den politiske sundhedsklynge Byen bevilger af. Puljens samlede ramme fremgår "
            "ikke af kilden; året er sat ud fra beslutningsdatoen 28. november 2023."
        ),
        source=s.memo_2023,
        source_note=Memo2023.BYEN_2_MIO + " " + Memo2023.BYEN_1_4_MIO,
    )

    # Socially vulnerable citizens' somatic illness.
    vulnerable = focus_area_create(
        name="Socialt udsatte borgeres somatiske sygdom",
        collaborations=[byen.collaboration],
        status=FocusAreaStatus.ADOPTED,
        topics=ref.topic(T.VULNERABLE, T.SUBSTANCES),
        source=s.memo_2023,
        source_note=(
            Memo2023.BYEN_VULNERABLE + " " + Memo2023.BYEN_2_MIO + " Notatet omtaler emnet som et "
            "fokusområde; hvornår det blev valgt, fremgår ikke."
        ),
    )
    initiatives = [
        initiative_create(
            name=name,
            collaboration=byen.collaboration,
            focus_area=vulnerable,
            source=s.memo_2023,
            source_note=Memo2023.BYEN_APPROVED,
        )
        for name in (
            "Samarbejde mellem socialtandplejen og Flexklinikken",
            "Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for abstinensbehandling",
        )
    ]
    vulnerable_item = linked_item(
        meeting=meeting,
        title="Socialt udsatte borgeres somatiske sygdom",
        kind=AgendaItemKind.DECISION,
        topics=ref.topic(T.VULNERABLE, T.SUBSTANCES, T.CROSS_SECTOR),
        focus_areas=[vulnerable],
        initiatives=initiatives,
        source=s.memo_2023,
        source_note=Memo2023.BYEN_VULNERABLE,
    )
    vulnerable_decision = decision_create(
        agenda_item=vulnerable_item,
        kind=DecisionKind.JOINT,
        text=(
            "Klyngen godkendte igangsættelse af indsatserne »Samarbejde mellem socialtandplejen og "
            "Flexklinikken« og »Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for "
            "abstinensbehandling«. Der er afsat 2 mio. kr. i klyngemidler til fokusområdet."
        ),
        topic=ref.topics[T.CROSS_SECTOR],
        source=s.memo_2023,
        source_note=Memo2023.BYEN_APPROVED + " " + Memo2023.BYEN_2_MIO + WITHIN_COMPETENCE,
    )
    for initiative in initiatives:
        initiative_approve(initiative=initiative, decision=vulnerable_decision)
    allocation_create(
        fund=fund,
        decision=vulnerable_decision,
        amount=2_000_000,
        focus_area=vulnerable,
        source=s.memo_2023,
        source_note=Memo2023.BYEN_2_MIO,
    )

    # Training before or instead of surgery.
    training = focus_area_create(
        name="Træning før eller i stedet for operation",
        collaborations=[byen.collaboration],
        status=FocusAreaStatus.ADOPTED,
        description="For borgere med slidgigt og kredsløbsrelaterede smerter i benene.",
        topics=ref.topic(T.TRAINING, T.CHRONIC),
        source=s.memo_2023,
        source_note=(
            Memo2023.BYEN_TRAINING
            + " "
            + Memo2023.BYEN_1_4_MIO
            + " Notatet omtaler emnet som et fokusområde; "
            "hvornår det blev valgt, fremgår ikke."
        ),
    )
    training_item = linked_item(
        meeting=meeting,
        title="Træning før eller i stedet for operation",
        kind=AgendaItemKind.DECISION,
        summary="Drøftelsen gjaldt borgere med slidgigt og kredsløbsrelaterede smerter i benene.",
        topics=ref.topic(T.TRAINING, T.CROSS_SECTOR),
        focus_areas=[training],
        source=s.memo_2023,
        source_note=Memo2023.BYEN_TRAINING + " (Notatet skriver »før eller stedet for«.)",
    )
    training_decision = decision_create(
        agenda_item=training_item,
        kind=DecisionKind.JOINT,
        text=(
            "Klyngen godkendte igangsættelse af seks prøvehandlinger, som blandt andet omfatter direkte "
            "henvisning af sårbare borgere fra almen praksis til kommune samt træning i lokale foreninger "
            "som en del af det kommunale tilbud. Der er afsat 1,4 mio. kr. i sundhedsklyngemidler til "
            "fokusområdet."
        ),
        topic=ref.topics[T.CROSS_SECTOR],
        source=s.memo_2023,
        source_note=(
            Memo2023.BYEN_SIX + " " + Memo2023.BYEN_1_4_MIO + WITHIN_COMPETENCE + " Genoptræning efter "
            "udskrivning er kommunal myndighed (sundhedsloven § 140); beslutningen er derfor ikke "
            "registreret under emnet træning og genoptræning."
        ),
    )
    trial_action_create(
        focus_area=training,
        position=1,
        name="Direkte henvisning af sårbare borgere fra almen praksis til kommune",
        approved_by=training_decision,
        source=s.memo_2023,
        source_note=(
            "Notatet skriver »tryk henvisning af sårbare borgere fra almen praksis til kommune«; »tryk« er "
            "læst som en fejl for »direkte«."
        ),
    )
    trial_action_create(
        focus_area=training,
        position=2,
        name="Træning i lokale foreninger som en del af det kommunale tilbud",
        approved_by=training_decision,
        source=s.memo_2023,
        source_note="»… samt træning i lokale foreninger, som en del af det kommunale tilbud.«",
    )
    for position in range(3, 7):
        trial_action_create(
            focus_area=training,
            position=position,
            name="",
            named_in_source=False,
            approved_by=training_decision,
            source=s.memo_2023,
            source_note="Notatet oplyser, at der er godkendt seks prøvehandlinger, men nævner kun to af dem.",
        )
    allocation_create(
        fund=fund,
        decision=training_decision,
        amount=1_400_000,
        focus_area=training,
        source=s.memo_2023,
        source_note=Memo2023.BYEN_1_4_MIO,
    )

    # Wishes for the focus in 2024.
    wishes = agenda_item_create(
        meeting=meeting,
        title="Ønsker til fokus i 2024",
        kind=AgendaItemKind.DISCUSSION,
        summary=(
            "Kommunesiden ønskede et særligt fokus på den ældre medicinske patient. I 2024 skal "
            "sundhedsklyngen også drøfte og implementere den nye Sundhedsaftale 2024-2027, og "
            "Sundhedsstrukturkommissionens afrapportering forventes at få betydning for det fremtidige "
            "klyngesamarbejde. De to ordinære møder i den politiske sundhedsklynge suppleres derfor med et "
            "ekstra møde i 2. halvår 2024."
        ),
        topics=ref.topic(T.CROSS_SECTOR, T.ELDERLY),
        source=s.memo_2023,
        source_note=" ".join(
            (Memo2023.BYEN_2024, Memo2023.BYEN_ELDERLY, Memo2023.BYEN_AGREEMENT, Memo2023.BYEN_EXTRA)
        ),
    )
    decision_create(
        agenda_item=wishes,
        kind=DecisionKind.JOINT,
        text=(
            "Der var enighed om at prioritere, at de igangsatte indsatser under fokusområderne kommer i mål, "
            "samt optimering af eksisterende samarbejder og udbredelse af afprøvede metoder og gode "
            "erfaringer."
        ),
        topic=ref.topics[T.CROSS_SECTOR],
        source=s.memo_2023,
        source_note=Memo2023.BYEN_2024,
    )

    extra = meeting_create(
        body=byen.political,
        date=datetime.date(2024, 7, 1),
        date_precision=DatePrecision.HALF_YEAR,
        is_extra=True,
        status=MeetingStatus.PLANNED,
        title="Ekstra møde i 2. halvår 2024",
        source=s.memo_2023,
        source_note=(
            Memo2023.BYEN_EXTRA + " Den præcise dato fremgår ikke; datoen er halvårets første dag. Status er "
            "»planlagt« som i kilden."
        ),
    )
    agenda_item_create(
        meeting=extra,
        title="Den overordnede retning for sundhedsklyngesamarbejdet",
        kind=AgendaItemKind.DISCUSSION,
        is_tentative=True,
        topics=ref.topic(T.CROSS_SECTOR),
        source=s.memo_2023,
        source_note=Memo2023.BYEN_EXTRA,
    )
