"""Reference data for Region Hovedstaden: topics, authority, parties, hospitals, areas and catchment,
the five clusters with their bodies, SSU and the health agreement 2024-2027."""

import datetime
from dataclasses import dataclass, field

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.catchment.models import Area, AreaKind, Hospital, Specialty
from klynge.catchment.services import area_create, catchment_rule_create, hospital_create, specialty_create
from klynge.demo.sources import Memo2022, Memo2023, Sources
from klynge.organisation.models import Party, PartyKind, Topic
from klynge.organisation.services import authority_area_create, party_create, topic_create
from klynge.provenance.models import Source
from klynge.work.models import FocusArea, FocusAreaStatus, HealthAgreement
from klynge.work.services import focus_area_create, health_agreement_create

STRUCTURE_START = datetime.date(2022, 7, 1)
# The reform (L 214) abolishes clusters, SSU and health agreements from 1 January 2027.
STRUCTURE_END = datetime.date(2026, 12, 31)


class T:
    """The demo's topic vocabulary (emner)."""

    CHILDREN = "Børn og unge"
    BIRTHS = "Fødsler og barsel"
    BREASTFEEDING = "Amning"
    WELLBEING = "Mistrivsel"
    OVERWEIGHT = "Overvægt"
    PSYCHIATRY = "Psykiatri"
    VULNERABLE = "Socialt udsatte"
    SUBSTANCES = "Rusmidler og alkohol"
    ELDERLY = "Ældre medicinske patienter"
    CHRONIC = "Kronisk sygdom"
    TRAINING = "Træning og genoptræning"
    ADMISSIONS = "Indlæggelse og udskrivning"
    TEMPORARY_PLACES = "Midlertidige pladser"
    GP_COVERAGE = "Lægedækning"
    RESEARCH = "Forskning"
    HOSPITAL_TREATMENT = "Sygehusbehandling"
    CROSS_SECTOR = "Tværsektorielt samarbejde"
    PREVENTION = "Forebyggelse"
    RESIDENTIAL_CARE = "Botilbud"

    ALL = (
        CHILDREN,
        BIRTHS,
        BREASTFEEDING,
        WELLBEING,
        OVERWEIGHT,
        PSYCHIATRY,
        VULNERABLE,
        SUBSTANCES,
        ELDERLY,
        CHRONIC,
        TRAINING,
        ADMISSIONS,
        TEMPORARY_PLACES,
        GP_COVERAGE,
        RESEARCH,
        HOSPITAL_TREATMENT,
        CROSS_SECTOR,
        PREVENTION,
        RESIDENTIAL_CARE,
    )


# Copenhagen's ten districts and the hospital whose general catchment they belong to.
BYEN_DISTRICTS = ("Bispebjerg", "Brønshøj-Husum", "Indre By", "Nørrebro", "Vanløse", "Østerbro")
SYD_DISTRICTS = ("Amager Øst", "Amager Vest", "Valby", "Vesterbro/Kongens Enghave")
# The Syd municipalities other than Copenhagen.
SYD_MUNICIPALITIES = (
    "Albertslund",
    "Brøndby",
    "Dragør",
    "Glostrup",
    "Hvidovre",
    "Høje-Taastrup",
    "Ishøj",
    "Tårnby",
    "Vallensbæk",
)


@dataclass
class ClusterRecords:
    collaboration: Collaboration
    political: Body
    professional: Body
    hospital: Hospital


@dataclass
class Reference:
    topics: dict[str, Topic]
    region: Party
    copenhagen: Party
    frederiksberg: Party
    general_practice: Party
    municipalities: dict[str, Party]
    hospitals: dict[str, Hospital]
    region_area: Area
    municipality_areas: dict[str, Area]
    districts: dict[str, Area]
    amager: Area
    births: Specialty
    clusters: dict[str, ClusterRecords]
    ssu: Collaboration
    ssu_body: Body
    health_agreement: HealthAgreement
    agreement_focus_areas: list[FocusArea] = field(default_factory=list)

    def topic(self, *names: str) -> list[Topic]:
        return [self.topics[name] for name in names]


def create_topics() -> dict[str, Topic]:
    return {name: topic_create(name=name) for name in T.ALL}


def create_authority_areas(topics: dict[str, Topic], s: Sources) -> None:
    """Where a party holds the authority, a cluster may not decide jointly (it can only recommend)."""
    authority_area_create(
        topic=topics[T.HOSPITAL_TREATMENT],
        holder_kind=PartyKind.REGION,
        description="Regionsrådet har ansvaret for at varetage sygehusvæsenets opgaver.",
        legal_basis="Sundhedsloven § 74",
        source=s.health_act,
        source_note="Sundhedsloven § 74, stk. 1. Jf. også notatet fra 2022: " + Memo2022.AUTHORITY,
    )
    authority_area_create(
        topic=topics[T.TEMPORARY_PLACES],
        holder_kind=PartyKind.MUNICIPALITY,
        description="Kommunalbestyrelsen visiterer til og driver midlertidige pladser (midlertidigt ophold).",
        legal_basis="Serviceloven § 84, stk. 2",
        source=s.social_services_act,
        source_note="Serviceloven § 84, stk. 2 (midlertidigt ophold).",
    )
    authority_area_create(
        topic=topics[T.TRAINING],
        holder_kind=PartyKind.MUNICIPALITY,
        description=(
            "Kommunalbestyrelsen tilbyder vederlagsfri genoptræning til personer, der efter udskrivning fra "
            "sygehus har et lægefagligt begrundet behov for genoptræning."
        ),
        legal_basis="Sundhedsloven § 140",
        source=s.health_act,
        source_note="Sundhedsloven § 140, stk. 1.",
    )


def create_reference(s: Sources) -> Reference:
    topics = create_topics()
    create_authority_areas(topics, s)

    region = party_create(
        name="Region Hovedstaden",
        kind=PartyKind.REGION,
        short_name="Region H",
        source=s.hospital_plan,
        source_note="Regionen, som de fem sundhedsklynger i hovedstadsområdet hører til.",
    )
    copenhagen = party_create(
        name="Københavns Kommune",
        kind=PartyKind.MUNICIPALITY,
        short_name="KK",
        region=region,
        source=s.memo_2022,
        source_note=Memo2022.TWO_CLUSTERS,
    )
    frederiksberg = party_create(
        name="Frederiksberg Kommune",
        kind=PartyKind.MUNICIPALITY,
        region=region,
        source=s.cluster_byen,
        source_note="»I Sundhedsklynge Byen indgår Frederiksberg Kommune, Københavns Kommune, …«",
    )
    municipalities: dict[str, Party] = {"København": copenhagen, "Frederiksberg": frederiksberg}
    for name in SYD_MUNICIPALITIES:
        municipalities[name] = party_create(
            name=f"{name} Kommune",
            kind=PartyKind.MUNICIPALITY,
            region=region,
            source=s.cluster_syd,
            source_note=f"{name} er en af kommunerne i Sundhedsklynge Syd.",
        )
    municipalities["Bornholm"] = party_create(
        name="Bornholms Regionskommune",
        kind=PartyKind.MUNICIPALITY,
        region=region,
        source=s.hospital_plan,
        source_note="Kommunen i planlægningsområde Bornholm (Bornholms Hospital).",
    )
    general_practice = party_create(
        name="Praktiserende Læger (PLO Hovedstaden)",
        kind=PartyKind.GENERAL_PRACTICE,
        short_name="PLO",
        source=s.memo_2022,
        source_note=(
            Memo2022.STRUCTURE + " Almen praksis indgår i alle klynger (jf. også Region Hovedstadens "
            "klyngesider); PLO Hovedstaden er demoens betegnelse for almen praksis' repræsentation."
        ),
    )

    hospitals = {
        "Byen": hospital_create(
            name="Bispebjerg og Frederiksberg Hospital",
            short_name="BFH",
            region=region,
            source=s.cluster_byen,
            source_note=Memo2022.TWO_CLUSTERS,
        ),
        "Syd": hospital_create(
            name="Amager og Hvidovre Hospital",
            short_name="AHH",
            region=region,
            source=s.cluster_syd,
            source_note=Memo2022.TWO_CLUSTERS,
        ),
        "Midt": hospital_create(
            name="Herlev og Gentofte Hospital",
            short_name="HGH",
            region=region,
            source=s.hospital_plan,
            source_note="Akuthospital for planlægningsområde Midt.",
        ),
        "Nord": hospital_create(
            name="Nordsjællands Hospital",
            short_name="NOH",
            region=region,
            source=s.hospital_plan,
            source_note="Akuthospital for planlægningsområde Nord.",
        ),
        "Bornholm": hospital_create(
            name="Bornholms Hospital",
            short_name="BOH",
            region=region,
            source=s.hospital_plan,
            source_note="Akuthospital for planlægningsområde Bornholm.",
        ),
    }

    # Areas: the region, its municipalities in the demo, Copenhagen's districts and Amager.
    region_area = area_create(
        name="Region Hovedstaden", kind=AreaKind.REGION, party=region, source=s.hospital_plan
    )
    municipality_areas: dict[str, Area] = {}
    for name, party in municipalities.items():
        source = s.cluster_byen if name in ("København", "Frederiksberg") else s.cluster_syd
        if name == "Bornholm":
            source = s.hospital_plan
        municipality_areas[name] = area_create(
            name=name, kind=AreaKind.MUNICIPALITY, parent=region_area, party=party, source=source
        )
    cph_area = municipality_areas["København"]
    districts: dict[str, Area] = {}
    for name in BYEN_DISTRICTS:
        districts[name] = area_create(
            name=name,
            kind=AreaKind.DISTRICT,
            parent=cph_area,
            source=s.planning_area_byen,
            source_note="Københavnsk bydel i planlægningsområde Byen.",
        )
    for name in SYD_DISTRICTS:
        districts[name] = area_create(
            name=name,
            kind=AreaKind.DISTRICT,
            parent=cph_area,
            source=s.cluster_syd,
            source_note=(
                "Københavnsk bydel i Sundhedsklynge Syd, udledt ved udelukkelse: Københavns Kommune indgår i "
                "Syd, og bydelen hører ikke til planlægningsområde Byen."
            ),
        )
    amager = area_create(
        name="Amager",
        kind=AreaKind.LOCALITY,
        parent=cph_area,
        source=s.memo_2023,
        source_note=(
            Memo2023.GP_17
            + " Notatet bruger »Amager« om et område i Københavns Kommune; den præcise afgrænsning fremgår "
            "ikke af kilden."
        ),
    )

    # General catchment (optageområde). The birth catchment is not in any source: no rules for it.
    births = specialty_create(name="Fødsler")
    for name in BYEN_DISTRICTS:
        catchment_rule_create(
            area=districts[name],
            hospital=hospitals["Byen"],
            valid_from=STRUCTURE_START,
            source=s.planning_area_byen,
            source_note=(
                "Planlægningsområde Byen omfatter bydelen. Reglen er registreret fra klyngestrukturens start "
                "1. juli 2022; regionen reviderer optageområderne årligt."
            ),
        )
    for name in SYD_DISTRICTS:
        catchment_rule_create(
            area=districts[name],
            hospital=hospitals["Syd"],
            valid_from=STRUCTURE_START,
            source=s.cluster_syd,
            source_note=(
                "Udledt ved udelukkelse (DOMAIN.md): Københavns Kommune indgår i Sundhedsklynge Syd, og "
                "bydelen hører ikke til planlægningsområde Byen. Registreret fra 1. juli 2022."
            ),
        )
    catchment_rule_create(
        area=municipality_areas["Frederiksberg"],
        hospital=hospitals["Byen"],
        valid_from=STRUCTURE_START,
        source=s.planning_area_byen,
        source_note="Planlægningsområde Byen omfatter Frederiksberg Kommune. Registreret fra 1. juli 2022.",
    )
    for name in SYD_MUNICIPALITIES:
        catchment_rule_create(
            area=municipality_areas[name],
            hospital=hospitals["Syd"],
            valid_from=STRUCTURE_START,
            source=s.cluster_syd,
            source_note="Kommunen indgår i Sundhedsklynge Syd. Registreret fra 1. juli 2022.",
        )
    catchment_rule_create(
        area=municipality_areas["Bornholm"],
        hospital=hospitals["Bornholm"],
        valid_from=STRUCTURE_START,
        source=s.hospital_plan,
        source_note="Bornholms Hospital er akuthospital for Bornholm. Registreret fra 1. juli 2022.",
    )

    clusters = create_clusters(
        s,
        region=region,
        general_practice=general_practice,
        municipalities=municipalities,
        hospitals=hospitals,
    )

    ssu = collaboration_create(
        name="Sundhedssamarbejdsudvalget (SSU) i Region Hovedstaden",
        short_name="SSU",
        kind=CollaborationKind.HEALTH_COLLABORATION_COMMITTEE,
        description=(
            "Det regionale politiske samarbejdsudvalg over sundhedsklyngerne. Det består af repræsentanter "
            "for regionsrådet, kommunerne (via KKR Hovedstaden) og almen praksis. Kun de kommuner, der i "
            "øvrigt er med i demodataene, er registreret som parter; regionens øvrige kommuner fremgår ikke "
            "af kilderne."
        ),
        region=region,
        parties=[region, *municipalities.values(), general_practice],
        spans=[c.collaboration for c in clusters.values()],
        valid_from=STRUCTURE_START,
        valid_to=STRUCTURE_END,
        source=s.cluster_order,
        source_note=(
            "Sundhedssamarbejdsudvalget blev etableret med den nye samarbejdsstruktur 1. juli 2022 og "
            "afløste sundhedskoordinationsudvalget. Ophører 31. december 2026 med sundhedsreformen (L 214)."
        ),
    )
    ssu_body = body_create(
        collaboration=ssu,
        level=BodyLevel.POLITICAL,
        name="Sundhedssamarbejdsudvalget (SSU)",
        description="SSU er ét politisk udvalg; det har ikke et separat fagligt niveau i demodataene.",
        source=s.cluster_order,
    )

    agreement = health_agreement_create(
        name="Sundhedsaftale 2024-2027",
        region=region,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=STRUCTURE_END,
        source=s.health_agreement,
        source_note=(
            "Aftalen er indgået for 2024-2027, men sundhedsaftalerne i deres nuværende form afskaffes pr. "
            "1. januar 2027 med sundhedsreformen (L 214). Slutdatoen er derfor sat til 31. december 2026."
        ),
    )
    agreement_focus_areas = [
        focus_area_create(
            name=name,
            collaborations=[ssu],
            status=FocusAreaStatus.ADOPTED,
            topics=[topics[t] for t in topic_names],
            health_agreement=agreement,
            period_start=agreement.valid_from,
            period_end=agreement.valid_to,
            source=s.health_agreement,
            source_note=f"Et af sundhedsaftalens tre fokusområder: »{name}«.",
        )
        for name, topic_names in (
            ("Sammen om børn og unges sundhed", (T.CHILDREN,)),
            ("Sammen om borgere med psykisk sygdom", (T.PSYCHIATRY,)),
            ("Sammen om ældre og borgere med kronisk sygdom", (T.ELDERLY, T.CHRONIC)),
        )
    ]

    return Reference(
        topics=topics,
        region=region,
        copenhagen=copenhagen,
        frederiksberg=frederiksberg,
        general_practice=general_practice,
        municipalities=municipalities,
        hospitals=hospitals,
        region_area=region_area,
        municipality_areas=municipality_areas,
        districts=districts,
        amager=amager,
        births=births,
        clusters=clusters,
        ssu=ssu,
        ssu_body=ssu_body,
        health_agreement=agreement,
        agreement_focus_areas=agreement_focus_areas,
    )


def create_clusters(
    s: Sources,
    *,
    region: Party,
    general_practice: Party,
    municipalities: dict[str, Party],
    hospitals: dict[str, Hospital],
) -> dict[str, ClusterRecords]:
    common = (
        "Kommuner, region og praktiserende læger deler ansvaret for klyngens fælles borgere og skal styrke "
        "indsatsen på tværs af sundhedsområdet, forebyggelse, kvalitet og omstilling til det nære "
        "sundhedsvæsen."
    )
    byen_parties = [region, municipalities["København"], municipalities["Frederiksberg"], general_practice]
    syd_parties = [
        region,
        municipalities["København"],
        *(municipalities[name] for name in SYD_MUNICIPALITIES),
        general_practice,
    ]
    specs: list[tuple[str, str, list[Party], Source, str]] = [
        (
            "Byen",
            f"Sundhedsklyngen omkring Bispebjerg og Frederiksberg Hospital: Københavns og Frederiksberg "
            f"Kommuner, Region Hovedstaden og almen praksis. {common}",
            byen_parties,
            s.cluster_byen,
            Memo2022.TWO_CLUSTERS + " " + Memo2022.STRUCTURE,
        ),
        (
            "Syd",
            f"Sundhedsklyngen omkring Amager og Hvidovre Hospital: Albertslund, Brøndby, Dragør, Glostrup, "
            f"Hvidovre, Høje-Taastrup, Ishøj, København, Tårnby og Vallensbæk Kommuner, Region Hovedstaden "
            f"og almen praksis. {common}",
            syd_parties,
            s.cluster_syd,
            Memo2022.TWO_CLUSTERS + " " + Memo2022.STRUCTURE,
        ),
        (
            "Midt",
            "Sundhedsklyngen omkring Herlev og Gentofte Hospital. Klyngens kommuner er ikke med i "
            "demodataene, fordi kilderne ikke oplister dem; kun regionen, hospitalet og almen praksis er "
            "registreret.",
            [region, general_practice],
            s.hospital_plan,
            "En af de fem sundhedsklynger omkring akuthospitalerne i Region Hovedstaden.",
        ),
        (
            "Nord",
            "Sundhedsklyngen omkring Nordsjællands Hospital. Klyngens kommuner er ikke med i demodataene, "
            "fordi kilderne ikke oplister dem; kun regionen, hospitalet og almen praksis er registreret.",
            [region, general_practice],
            s.hospital_plan,
            "En af de fem sundhedsklynger omkring akuthospitalerne i Region Hovedstaden.",
        ),
        (
            "Bornholm",
            "Sundhedsklyngen omkring Bornholms Hospital: Bornholms Regionskommune, Region Hovedstaden og "
            "almen praksis.",
            [region, municipalities["Bornholm"], general_practice],
            s.hospital_plan,
            "En af de fem sundhedsklynger omkring akuthospitalerne i Region Hovedstaden.",
        ),
    ]
    clusters: dict[str, ClusterRecords] = {}
    for short, description, parties, source, note in specs:
        collaboration = collaboration_create(
            name=f"Sundhedsklynge {short}",
            short_name=short,
            kind=CollaborationKind.CLUSTER,
            description=description,
            region=region,
            parties=parties,
            hospitals=[hospitals[short]],
            valid_from=STRUCTURE_START,
            valid_to=STRUCTURE_END,
            source=source,
            source_note=note + " Klyngerne ophører 31. december 2026 med sundhedsreformen (L 214).",
        )
        political = body_create(
            collaboration=collaboration,
            level=BodyLevel.POLITICAL,
            name=f"Politisk sundhedsklynge {short}",
            description=(
                "Det politiske niveau: regionsrådsmedlemmer, heriblandt regionsrådsformanden, og "
                "borgmestrene for de deltagende kommuner; to ligeværdige formænd (sundhedsloven § 203)."
            ),
            source=source,
            source_note=Memo2022.LEVELS,
        )
        professional = body_create(
            collaboration=collaboration,
            level=BodyLevel.PROFESSIONAL,
            name=f"Faglig sundhedsklynge {short}",
            description=(
                "Det faglige strategiske niveau: repræsentanter for regionen, de deltagende kommuner, almen "
                "praksis samt patienter og pårørende."
            ),
            source=source,
            source_note=Memo2022.LEVELS,
        )
        clusters[short] = ClusterRecords(
            collaboration=collaboration,
            political=political,
            professional=professional,
            hospital=hospitals[short],
        )
    return clusters
