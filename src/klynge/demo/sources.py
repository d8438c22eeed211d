# Danish typography uses the en dash in running text.
"""The sources the demo data rests on: the two Copenhagen memos (the seeds) and public sources.

Quotes from the memos are kept here in correct Danish (the 2022 memo is an OCR scan), so every
record can say which sentence it rests on.
"""

import datetime
from dataclasses import dataclass

from klynge.provenance.models import Source, SourceKind
from klynge.provenance.services import source_create

# The key of the 2022 memo; its presence means the demo is loaded.
MEMO_2022_KEY = "kk-notat-2022-nye-sundhedsklynger"
MEMO_2023_KEY = "kk-notat-2023-12-11-status-sundhedsklynger"


@dataclass(frozen=True)
class Sources:
    memo_2022: Source
    memo_2023: Source
    health_act: Source
    cluster_order: Source
    social_services_act: Source
    hospital_plan: Source
    cluster_byen: Source
    planning_area_byen: Source
    cluster_syd: Source
    health_agreement: Source
    reform: Source


def create_sources() -> Sources:
    return Sources(
        memo_2022=source_create(
            key=MEMO_2022_KEY,
            kind=SourceKind.MEMO,
            title=(
                "Notat til Børne- og Ungdomsudvalget: Nye sundhedsklynger med deltagelse af Københavns "
                "Kommune, region og praktiserende læger"
            ),
            publisher="Københavns Kommune",
            date=None,
            description=(
                "Orienteringsnotat, efterår 2022 (notatet er ikke dateret; det omtaler sættemøderne "
                "28. september 2022 som afholdt og mødet 10. januar 2023 som kommende). Notatet angiver "
                "ikke den afsendende forvaltning; Sundheds- og Omsorgsforvaltningen har nedsat "
                "klyngesekretariatet. Kilden foreligger som OCR-scanning; citater er gengivet med rettet "
                "stavning (æ, ø, å)."
            ),
        ),
        memo_2023=source_create(
            key=MEMO_2023_KEY,
            kind=SourceKind.MEMO,
            title=(
                "Status på sundhedsklynger og det tværsektorielle samarbejde til møde i Sundheds- og "
                "Omsorgsudvalget den 14. december 2023"
            ),
            publisher="Københavns Kommune",
            date=datetime.date(2023, 12, 11),
            description=(
                "Statusnotat til Sundheds- og Omsorgsudvalgets orientering om drøftelser og emner på møder "
                "i det tværsektorielle samarbejde og i sundhedsklyngeregi. Notatet nævner møderne uden "
                "årstal (1. december, 16. november, 28. november); året 2023 følger af notatets dato."
            ),
        ),
        health_act=source_create(
            key="sundhedsloven",
            kind=SourceKind.PUBLIC,
            title="Sundhedsloven (lovbekendtgørelse nr. 247 af 12. marts 2024)",
            publisher="Indenrigs- og Sundhedsministeriet (retsinformation.dk)",
            url="https://www.retsinformation.dk/eli/lta/2024/247",
            description=(
                "§ 74: regionsrådet har ansvaret for at varetage sygehusvæsenets opgaver. § 140: "
                "kommunalbestyrelsen tilbyder vederlagsfri genoptræning efter udskrivning fra sygehus. "
                "§ 203: sundhedsklynger omkring hvert akutsygehus med et politisk og et fagligt niveau."
            ),
        ),
        cluster_order=source_create(
            key="bek-sundhedsklynger-2022",
            kind=SourceKind.PUBLIC,
            title=(
                "Bekendtgørelse om sundhedsklynger, sundhedssamarbejdsudvalg, sundhedsaftaler og "
                "patientinddragelsesudvalg (8. september 2022)"
            ),
            publisher="Sundhedsministeriet; omtalt og linket af KL",
            date=datetime.date(2022, 9, 8),
            url=(
                "https://www.kl.dk/sundhed-og-aeldre/sundhedsreform-og-sundhedsklynger/sundhedsklynger/"
                "politisk-aftale-og-lovgivning"
            ),
            description=(
                "Bekendtgørelsen om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler. "
                "Adressen er KL's side, der linker til bekendtgørelsen på retsinformation.dk; "
                "bekendtgørelsens nummer er ikke registreret her."
            ),
        ),
        social_services_act=source_create(
            key="serviceloven",
            kind=SourceKind.PUBLIC,
            title="Lov om social service (lovbekendtgørelse nr. 1089 af 16. august 2023)",
            publisher="Social-, Bolig- og Ældreministeriet (retsinformation.dk)",
            url="https://www.retsinformation.dk/eli/lta/2023/1089",
            description="§ 84, stk. 2: kommunens tilbud om midlertidigt ophold (midlertidige pladser).",
        ),
        hospital_plan=source_create(
            key="regionh-hospitalsplan",
            kind=SourceKind.PUBLIC,
            title="Region Hovedstaden: Hospitalsplan",
            publisher="Region Hovedstaden",
            url="https://www.regionh.dk/Sundhed/Politikker-Planer-Strategier/Sider/Hospitalsplan.aspx",
            description=(
                "Region Hovedstadens hospitalsplan med akuthospitalerne og deres planlægningsområder: "
                "Byen, Syd, Midt, Nord og Bornholm."
            ),
        ),
        cluster_byen=source_create(
            key="regionh-sundhedsklynge-byen",
            kind=SourceKind.PUBLIC,
            title="Sundhedsklynge Byen",
            publisher="Region Hovedstaden (Bispebjerg og Frederiksberg Hospital)",
            url="https://www.bispebjerghospital.dk/om-hospitalet/sundhedsklynge-byen/Sider/default.aspx",
            description=(
                "Der er etableret sundhedsklynger omkring de 5 akuthospitaler i Region Hovedstaden. I "
                "Sundhedsklynge Byen indgår Frederiksberg Kommune, Københavns Kommune, Bispebjerg og "
                "Frederiksberg Hospital samt almen praksis. Klyngen har et politisk og et fagligt niveau."
            ),
        ),
        planning_area_byen=source_create(
            key="regionh-planlaegningsomraade-byen",
            kind=SourceKind.PUBLIC,
            title="Byens hospital: planlægningsområde Byen",
            publisher="Region Hovedstaden (Frederiksberg Hospital)",
            url="https://www.frederiksberghospital.dk/afdelinger-og-klinikker/kommunikation/Sider/Byens-hospital.aspx",
            description=(
                "Planlægningsområdet Byen omfatter de københavnske bydele Bispebjerg, Brønshøj-Husum, "
                "Indre By, Nørrebro, Vanløse, Østerbro og Frederiksberg Kommune. Optageområderne revideres "
                "årligt af regionen."
            ),
        ),
        cluster_syd=source_create(
            key="regionh-sundhedsklynge-syd",
            kind=SourceKind.PUBLIC,
            title="Sundhedsklynge Syd (faglig)",
            publisher="Region Hovedstaden (Amager og Hvidovre Hospital)",
            url=(
                "https://www.amagerhospital.dk/afdelinger-og-klinikker/patientforloeb/tvaersektorielt-samarbejde/"
                "sundhedsklynge-syd/Sider/default.aspx"
            ),
            description=(
                "I Sundhedsklynge Syd indgår Amager og Hvidovre Hospital og kommunerne Albertslund, "
                "Brøndby, Dragør, Glostrup, Hvidovre, Høje-Taastrup, Ishøj, København, Tårnby og "
                "Vallensbæk samt almen praksis. Klyngen har et fagligt og et politisk niveau."
            ),
        ),
        health_agreement=source_create(
            key="regionh-sundhedsaftale-2024-2027",
            kind=SourceKind.PUBLIC,
            title="Sundhedsaftale 2024-2027 for Region Hovedstaden og kommunerne i regionen",
            publisher="Region Hovedstaden og kommunerne; gengivet af Helsingør Kommune",
            url="https://admin.helsingor.dk/nyheder-og-fakta/retningsgivende-dokumenter/sundhedsaftale-for-region-hovedstaden",
            description=(
                "Sundhedsaftale 2024-2027 har tre fokusområder: Sammen om børn og unges sundhed; Sammen om "
                "borgere med psykisk sygdom; Sammen om ældre og borgere med kronisk sygdom."
            ),
        ),
        reform=source_create(
            key="ft-l214-2024-25",
            kind=SourceKind.PUBLIC,
            title=(
                "L 214 (2024-25): Forslag til lov om ændring af regionsloven og forskellige andre love "
                "(ny regional forvaltningsmodel med sundhedsråd, afskaffelse af sundhedsklynger, "
                "sundhedssamarbejdsudvalg og sundhedsaftaler i deres nuværende form m.v.)"
            ),
            publisher="Folketinget",
            url="https://www.ft.dk/samling/20241/lovforslag/L214/index.htm",
            description=(
                "Sundhedsreformen: fra 1. januar 2027 afskaffes sundhedsklynger, sundhedssamarbejdsudvalg "
                "og sundhedsaftaler i deres nuværende form, og der oprettes sundhedsråd."
            ),
        ),
    )


# Sentences from the 2022 memo (seed 000), with the OCR errors corrected.
class Memo2022:
    STRUCTURE = (
        "»Den 1. juli 2022 trådte den nye samarbejdsstruktur på sundhedsområdet i kraft. Hermed etableredes "
        "der blandt andet sundhedsklynger, hvor kommuner, region og praktiserende læger er repræsenteret og "
        "har ansvar for de fælles borgere i sundhedsklyngen.«"
    )
    PURPOSE = (
        "»Sundhedsklyngerne skal bl.a. være med til at styrke indsatsen på tværs af sundhedsområdet og være "
        "med til at styrke forebyggelse, kvalitet og omstilling til det nære sundhedsvæsen.«"
    )
    TWO_CLUSTERS = (
        "»Københavns Kommune er repræsenteret i to sundhedsklynger – Sundhedsklynge Byen tilknyttet "
        "Bispebjerg og Frederiksberg Hospital og Sundhedsklynge Syd tilknyttet Amager og Hvidovre "
        "Hospital.«"
    )
    COORDINATION_FORUM = (
        "»For at sikre ensartede hospitalstilbud på tværs af Københavns Kommune er der i samarbejde med "
        "Region Hovedstaden desuden etableret koordinationsforum, der skal sikre ensartede hospitalstilbud "
        "for de københavnske borgere på tværs af sundhedsklyngerne.«"
    )
    LEVELS = "»Klyngestrukturen består af to niveauer – et fagligt samt et politisk niveau.«"
    MAYOR = (
        "»I det politiske niveau er det sundheds- og omsorgsborgmester Sisse Marie Welling, der deltager for "
        "Københavns Kommune.«"
    )
    SEATS = (
        "»I sundhedsklynge Byen har Københavns Kommune to pladser. Her deltager også næstforperson i "
        "sundheds- og omsorgsudvalget Line Ervolder.«"
    )
    SUBSTITUTES = (
        "»Socialborgmester Karina Vestergård Madsen og børne- og ungdomsborgmester Jakob Næsager kan deltage "
        "i stedet for sundheds- og omsorgsborgmesteren, hvis det er mere relevant i forhold til "
        "dagsordenen.«"
    )
    AUTHORITY = (
        "»Sundhedsklyngerne er ikke nye myndigheder. Myndighedsansvaret ligger som hidtil i regionen og "
        "kommunerne.«"
    )
    JOINT_DECISIONS = (
        "»Sundhedsklyngerne kan koordinere indsatser og træffe fælles beslutninger, hvor der ikke allerede "
        "ligger en myndighedsbeføjelse hos en af deltagende parter.«"
    )
    SECRETARIAT = (
        "»Sundheds- og Omsorgsforvaltningen har nedsat et internt KK-klyngesekretariat på tværs af Sundheds- "
        "og Omsorgsforvaltningen, Socialforvaltningen og Børne- og Ungdomsforvaltningen, der skal sikre "
        "koordination og viden ind i sundhedsklyngernes arbejde.«"
    )
    KICKOFF = (
        "»Det politiske niveau i sundhedsklyngerne Byen og Syd har på sættemøderne den 28. september 2022 "
        "haft en indledende drøftelse om fokusområder i klyngerne, og nogle af områderne vil grænse op til "
        "børne- og ungeområdet.«"
    )
    WELLBEING = "»Børn og unge i mistrivsel (begge sundhedsklynger)«"
    BIRTHS = (
        "»Fødeområdet – optageområdet (hvilket hospital, man som borger hører til) og sektorovergange mellem "
        "hospital og kommune (i sundhedsklynge Byen)«"
    )
    BREASTFEEDING = "»Ammeindsats (i sundhedsklynge Syd)«"
    OVERWEIGHT = "»Indsats om overvægt evt. til børneområdet (i sundhedsklynge Syd)«"
    JANUARY = (
        "»På møde i politisk sundhedsklynge Byen den 10. januar 2023 skal der være temadrøftelse på "
        "fødeområdet, hvor der blandt andet skal drøftes overgang mellem hospital og kommune.«"
    )
    MAY = (
        "»Der skal være en temadrøftelse om børn og unge i mistrivsel forventeligt på mødet i den politiske "
        "sundhedsklynge Byen den 2. maj 2023.«"
    )
    NEWBORNS = (
        "»Sundhedsklyngerne beslutter selv deres fokusområder og vil på børne- og ungeområdet bl.a. "
        "beskæftige sig med børn og unge i mistrivsel samt overgang mellem hospital og kommune for familier "
        "med nyfødte.«"
    )


# Sentences from the 2023 status memo (seed 001).
class Memo2023:
    SSU_ITEM = (
        "»Sundhedssamarbejdsudvalget havde en drøftelse af Samarbejde og koordination i forbindelse med "
        "indlæggelser og udskrivelser.«"
    )
    SSU_BACKGROUND = (
        "»Baggrunden var en sag om opgørelse af de midlertidige pladser blandt kommunerne i "
        "hovedstadsregionen, som var på SSU den 13. oktober 2023.«"
    )
    SSU_DECISION = (
        "»Udvalget har besluttet at sætte fokus på tiltag, der kan sikre bedre samarbejde og koordination i "
        "forbindelse med udskrivelser.«"
    )
    SSU_STATUS = (
        "»Der blev på mødet givet en status for igangsatte tværsektorielle aktiviteter på området, herunder "
        "eksempler på samarbejder fra sundhedsklyngerne i hovedstadsregionen.«"
    )
    GP_ITEMS = (
        "»Udvalget drøftede også Resultater fra lægedækningsundersøgelsen samt Lægedækningstruede områder "
        "for 2024.«"
    )
    GP_62 = (
        "»Den langsigtede prognose for Københavns Kommune viser, at der er behov for 62 nye læger frem mod "
        "2027 pga. befolkningstilvækst og læger der går på pension.«"
    )
    GP_17 = "»Alene på Amager er der brug for 17 læger frem mod 2027.«"
    GP_THREATENED = "»Amager, Bispebjerg og Nørrebro er lægedækningstruede områder i 2024.«"
    SYD_THEME = (
        "»Sundhedsklynge Syd, som dækker optageområdet for Amager og Hvidovre Hospital, havde temadrøftelse "
        "om erfaringer og potentiale for tværsektoriel forskning i sundhedsklyngen.«"
    )
    SYD_FOCUS = (
        "»Den politiske sundhedsklynge har ønsket at have fokus på indsatser på følgende områder, herunder "
        "muligheden for etablering af følgeforskning: Midlertidige pladser, Alkoholscreening, Den ældre "
        "medicinske patient, Organisatoriske forløbspakker, Botilbudslæger.«"
    )
    SYD_STATUS = (
        "»Sundhedsklyngen drøftede også status på de politisk besluttede indsatser, som omfatter Den gode "
        "overgang (fra indlæggelse til udskrivelse), Tværsektoriel indsats om overvægt, Den gode start på "
        "livet (fælles ammeindsats) samt Implementering af samarbejdsaftalerne på børne-/unge- hhv. "
        "voksenpsykiatrien.« (Notatet staver »Tværasektoriel« og mangler en slutparentes.)"
    )
    BYEN_VULNERABLE = (
        "»Sundhedsklynge Byen, som dækker optageområdet for Bispebjerg og Frederiksberg Hospital, drøftede "
        "Socialt udsatte borgeres somatiske sygdom.«"
    )
    BYEN_APPROVED = (
        "»Klyngen godkendte igangsættelse af indsatserne 'Samarbejde mellem socialtandplejen og "
        "Flexklinikken' og 'Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for "
        "abstinensbehandling'.«"
    )
    BYEN_2_MIO = "»Der er afsat 2 mio. kr. i klyngemidler til fokusområdet.«"
    BYEN_TRAINING = (
        "»Sundhedsklyngen drøftede også Træning før eller stedet for operation for borgere med slidgigt og "
        "kredsløbsrelaterede smerter i benene.«"
    )
    BYEN_SIX = (
        "»Klyngen godkendte igangsættelse af seks prøvehandlinger, som blandt andet omfatter tryk "
        "henvisning af sårbare borgere fra almen praksis til kommune samt træning i lokale foreninger, som "
        "en del af det kommunale tilbud.«"
    )
    BYEN_1_4_MIO = "»Der er afsat 1,4 mio. kr. i sundhedsklyngemidler til fokusområdet.«"
    BYEN_2024 = (
        "»Politisk sundhedsklynge Byen havde derudover en drøftelse af ønsker til fokus i 2024. Der var "
        "enighed om at prioritere, at de igangsatte indsatser under fokusområderne kommer i mål samt "
        "optimering af eksisterende samarbejder og udbredelse af afprøvede metoder og gode erfaringer.«"
    )
    BYEN_ELDERLY = (
        "»I den forbindelse ønskede kommunesiden et særligt fokus på den ældre medicinske patient.«"
    )
    BYEN_AGREEMENT = (
        "»I 2024 skal sundhedsklyngen også drøfte og implementere ny Sundhedsaftale 2024-2027, ligesom "
        "Sundhedsstrukturkommissionens afrapportering forventes at få betydning for det fremtidige "
        "klyngesamarbejde.«"
    )
    BYEN_EXTRA = (
        "»De to ordinære møder i den politiske sundhedsklynge suppleres derfor også med ekstra møde i "
        "2. halvår af 2024 med mulighed for at drøfte den overordnede retning for "
        "sundhedsklyngesamarbejde.«"
    )
