"""The demo data holds every fact of DOMAIN.md »Facts from the seeds«, as linked records."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from klynge.bodies.models import (
    Body,
    BodyLevel,
    Collaboration,
    CollaborationKind,
    Membership,
    Seat,
    Substitution,
)
from klynge.catchment.models import Area, AreaKind, CatchmentRule, Specialty
from klynge.demo.loader import DemoAlreadyLoaded, demo_summary, is_demo_loaded, load_demo
from klynge.demo.sources import MEMO_2022_KEY, MEMO_2023_KEY
from klynge.kernel.validity import active_on
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    FigureMetric,
    Meeting,
    MeetingStatus,
    ReportedFigure,
)
from klynge.meetings.services import decision_create
from klynge.organisation.models import AuthorityArea, Committee, Party, PartyKind, Person, Topic
from klynge.provenance.models import Source, Sourced, SourceKind
from klynge.work.models import (
    Allocation,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearchStatus,
    Fund,
    FundKind,
    HealthAgreement,
    Initiative,
    InitiativeStatus,
    TrialAction,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

BFH = "Bispebjerg og Frederiksberg Hospital"
AHH = "Amager og Hvidovre Hospital"
SYD_OTHERS = (
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


def cluster(short: str) -> Collaboration:
    return Collaboration.objects.get(name=f"Sundhedsklynge {short}")


def political(short: str) -> Body:
    return Body.objects.get(name=f"Politisk sundhedsklynge {short}")


def meeting(body: Body, day: datetime.date) -> Meeting:
    return Meeting.objects.get(body=body, date=day)


def item(title: str) -> AgendaItem:
    return AgendaItem.objects.get(title=title)


def sourced_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, Sourced)]


# Loading


def test_loading_again_is_refused_and_changes_nothing() -> None:
    before = demo_summary()
    assert is_demo_loaded()
    with pytest.raises(DemoAlreadyLoaded):
        load_demo()
    assert demo_summary() == before


def test_every_demo_record_has_a_source() -> None:
    checked = 0
    for model in sourced_models():
        missing = model._default_manager.filter(source__isnull=True)
        assert not missing.exists(), f"{model.__name__} uden kilde: {list(missing)[:5]}"
        checked += model._default_manager.count()
    assert checked > 150


def test_sources() -> None:
    memo_2022 = Source.objects.get(key=MEMO_2022_KEY)
    assert memo_2022.kind == SourceKind.MEMO
    assert memo_2022.date is None
    assert "efterår 2022" in memo_2022.description
    assert memo_2022.publisher == "Københavns Kommune"
    assert "Børne- og Ungdomsudvalget" in memo_2022.title
    memo_2023 = Source.objects.get(key=MEMO_2023_KEY)
    assert memo_2023.kind == SourceKind.MEMO
    assert memo_2023.date == datetime.date(2023, 12, 11)
    assert "14. december 2023" in memo_2023.title
    public = Source.objects.filter(kind=SourceKind.PUBLIC)
    assert public.count() >= 5
    assert not public.filter(url="").exists()
    assert public.filter(url__contains="retsinformation.dk").exists()
    assert public.filter(url__contains="ft.dk").exists()
    assert public.filter(url__contains="regionh.dk").exists()


def test_no_ocr_errors_in_danish_text() -> None:
    mangled = (
        "Kebenhavn",
        "kebenhavn",
        "Berne",
        " berne",
        " pé ",
        "feelles",
        "sundhedsvaesen",
        "laeger",
        "Bern ",
    )
    checked_models: list[type[models.Model]] = [*sourced_models(), Source, Topic]
    for model in checked_models:
        text_fields = [
            f.name
            for f in model._meta.fields
            # Slugs spell æ/ø/å as ae/oe/aa on purpose.
            if isinstance(f, (models.CharField, models.TextField)) and not isinstance(f, models.SlugField)
        ]
        for values in model._default_manager.values_list(*text_fields):
            for value in values:
                for bad in mangled:
                    assert bad not in value, f"{model.__name__}: {bad!r} i {value!r}"


def test_no_invented_people() -> None:
    assert set(Person.objects.values_list("name", flat=True)) == {
        "Sisse Marie Welling",
        "Line Ervolder",
        "Karina Vestergård Madsen",
        "Jakob Næsager",
    }


# Reference data


def test_five_clusters_each_with_a_hospital_and_two_levels() -> None:
    hospitals = {
        "Byen": BFH,
        "Syd": AHH,
        "Midt": "Herlev og Gentofte Hospital",
        "Nord": "Nordsjællands Hospital",
        "Bornholm": "Bornholms Hospital",
    }
    region = Party.objects.get(name="Region Hovedstaden", kind=PartyKind.REGION)
    plo = Party.objects.get(kind=PartyKind.GENERAL_PRACTICE)
    assert plo.name == "Praktiserende Læger (PLO Hovedstaden)"
    clusters = Collaboration.objects.filter(kind=CollaborationKind.CLUSTER)
    assert clusters.count() == 5
    for short, hospital in hospitals.items():
        c = cluster(short)
        assert c.valid_from == datetime.date(2022, 7, 1)
        assert c.valid_to == datetime.date(2026, 12, 31)
        assert list(c.hospitals.values_list("name", flat=True)) == [hospital]
        assert c.region == region
        assert {region, plo} <= set(c.parties.all())
        assert set(c.bodies.values_list("name", flat=True)) == {
            f"Politisk sundhedsklynge {short}",
            f"Faglig sundhedsklynge {short}",
        }
    for short in ("Midt", "Nord"):
        assert not cluster(short).parties.filter(kind=PartyKind.MUNICIPALITY).exists()
        assert "kilderne" in cluster(short).description


def test_byen_and_syd_parties() -> None:
    byen = set(cluster("Byen").parties.values_list("name", flat=True))
    assert byen == {
        "Region Hovedstaden",
        "Københavns Kommune",
        "Frederiksberg Kommune",
        "Praktiserende Læger (PLO Hovedstaden)",
    }
    syd = set(cluster("Syd").parties.values_list("name", flat=True))
    assert syd == {
        "Region Hovedstaden",
        "Københavns Kommune",
        *(f"{name} Kommune" for name in SYD_OTHERS),
        "Praktiserende Læger (PLO Hovedstaden)",
    }
    for party in Party.objects.filter(kind=PartyKind.MUNICIPALITY):
        assert party.region is not None and party.region.name == "Region Hovedstaden"
        assert Area.objects.get(kind=AreaKind.MUNICIPALITY, party=party)


@pytest.mark.parametrize(
    ("district", "hospital"),
    [
        ("Bispebjerg", BFH),
        ("Brønshøj-Husum", BFH),
        ("Indre By", BFH),
        ("Nørrebro", BFH),
        ("Vanløse", BFH),
        ("Østerbro", BFH),
        ("Amager Øst", AHH),
        ("Amager Vest", AHH),
        ("Valby", AHH),
        ("Vesterbro/Kongens Enghave", AHH),
    ],
)
def test_every_copenhagen_district_maps_to_its_hospital(district: str, hospital: str) -> None:
    area = Area.objects.get(name=district, kind=AreaKind.DISTRICT)
    assert area.parent is not None and area.parent.name == "København"
    rule = CatchmentRule.objects.filter(active_on(datetime.date(2023, 11, 28))).get(area=area, specialty=None)
    assert rule.hospital.name == hospital
    assert rule.valid_from == datetime.date(2022, 7, 1)


def test_copenhagen_has_exactly_ten_districts() -> None:
    assert Area.objects.filter(kind=AreaKind.DISTRICT, parent__name="København").count() == 10


def test_municipal_catchment() -> None:
    assert CatchmentRule.objects.get(area__name="Frederiksberg").hospital.name == BFH
    for name in SYD_OTHERS:
        assert CatchmentRule.objects.get(area__name=name).hospital.name == AHH
    # Copenhagen is split between two hospitals by district; it has no municipality-level rule.
    assert not CatchmentRule.objects.filter(area__name="København").exists()


def test_births_specialty_exists_without_invented_rules() -> None:
    births = Specialty.objects.get(name="Fødsler")
    assert not births.catchment_rules.exists()


def test_amager_locality_in_copenhagen() -> None:
    amager = Area.objects.get(name="Amager")
    assert amager.kind == AreaKind.LOCALITY
    assert amager.parent is not None and amager.parent.name == "København"


def test_ssu_spans_all_clusters_with_one_political_body() -> None:
    ssu = Collaboration.objects.get(kind=CollaborationKind.HEALTH_COLLABORATION_COMMITTEE)
    assert ssu.name == "Sundhedssamarbejdsudvalget (SSU) i Region Hovedstaden"
    assert set(ssu.spans.all()) == set(Collaboration.objects.filter(kind=CollaborationKind.CLUSTER))
    assert [b.level for b in ssu.bodies.all()] == [BodyLevel.POLITICAL]


def test_coordination_forum_spans_byen_and_syd() -> None:
    forum = Collaboration.objects.get(kind=CollaborationKind.COORDINATION_FORUM)
    assert set(forum.spans.values_list("short_name", flat=True)) == {"Byen", "Syd"}
    assert set(forum.parties.values_list("name", flat=True)) == {"Københavns Kommune", "Region Hovedstaden"}
    assert forum.source is not None and forum.source.key == MEMO_2022_KEY


def test_secretariat_spans_suf_sof_buf() -> None:
    secretariat = Collaboration.objects.get(kind=CollaborationKind.SECRETARIAT)
    assert secretariat.host_party is not None and secretariat.host_party.short_name == "KK"
    assert set(secretariat.administrations.values_list("abbreviation", flat=True)) == {"SUF", "SOF", "BUF"}
    assert set(secretariat.spans.values_list("short_name", flat=True)) == {"Byen", "Syd"}
    assert "Sundheds- og Omsorgsforvaltningen har nedsat" in secretariat.source_note


def test_health_agreement_and_its_three_focus_areas() -> None:
    agreement = HealthAgreement.objects.get(name="Sundhedsaftale 2024-2027")
    assert agreement.region.name == "Region Hovedstaden"
    assert agreement.valid_from == datetime.date(2024, 1, 1)
    assert agreement.valid_to == datetime.date(2026, 12, 31)
    assert "1. januar 2027" in agreement.source_note
    focus_areas = agreement.focus_areas.all()
    assert {fa.name for fa in focus_areas} == {
        "Sammen om børn og unges sundhed",
        "Sammen om borgere med psykisk sygdom",
        "Sammen om ældre og borgere med kronisk sygdom",
    }
    for fa in focus_areas:
        assert fa.status == FocusAreaStatus.ADOPTED
        assert [c.kind for c in fa.collaborations.all()] == [CollaborationKind.HEALTH_COLLABORATION_COMMITTEE]


def test_committees_and_their_topics() -> None:
    sou = Committee.objects.get(code="SOU")
    buu = Committee.objects.get(code="BUU")
    soc = Committee.objects.get(code="SOC")
    assert (sou.name, sou.administration and sou.administration.abbreviation) == (
        "Sundheds- og Omsorgsudvalget",
        "SUF",
    )
    assert (buu.name, buu.administration and buu.administration.abbreviation) == (
        "Børne- og Ungdomsudvalget",
        "BUF",
    )
    assert (soc.name, soc.administration and soc.administration.abbreviation) == ("Socialudvalget", "SOF")
    buu_topics = set(buu.topics.values_list("name", flat=True))
    assert "Børn og unge" in buu_topics
    assert not buu_topics & {"Rusmidler og alkohol", "Midlertidige pladser"}
    sou_topics = set(sou.topics.values_list("name", flat=True))
    assert {
        "Midlertidige pladser",
        "Ældre medicinske patienter",
        "Lægedækning",
        "Sygehusbehandling",
    } <= sou_topics
    assert {"Socialt udsatte", "Rusmidler og alkohol"} <= set(soc.topics.values_list("name", flat=True))


def test_authority_areas() -> None:
    holders = {a.topic.name: (a.holder_kind, a.legal_basis) for a in AuthorityArea.objects.all()}
    assert holders == {
        "Sygehusbehandling": (PartyKind.REGION, "Sundhedsloven § 74"),
        "Midlertidige pladser": (PartyKind.MUNICIPALITY, "Serviceloven § 84, stk. 2"),
        "Træning og genoptræning": (PartyKind.MUNICIPALITY, "Sundhedsloven § 140"),
    }


# People, seats and substitutes


def test_sisse_line_and_kk_seats() -> None:
    kk = Party.objects.get(short_name="KK")
    sisse = Person.objects.get(name="Sisse Marie Welling")
    assert sisse.title == "Sundheds- og omsorgsborgmester"
    assert {m.body.name for m in sisse.memberships.all()} == {
        "Politisk sundhedsklynge Byen",
        "Politisk sundhedsklynge Syd",
    }
    line = Person.objects.get(name="Line Ervolder")
    assert line.title == "Næstforperson i Sundheds- og Omsorgsudvalget"
    assert [m.body.name for m in line.memberships.all()] == ["Politisk sundhedsklynge Byen"]
    assert all(m.party == kk for m in Membership.objects.all())
    assert Seat.objects.get(body=political("Byen"), party=kk).count == 2
    assert not Seat.objects.filter(body=political("Syd")).exists()


def test_a_third_kk_member_in_byen_is_refused() -> None:
    from klynge.bodies.services import membership_create

    with pytest.raises(ValidationError):
        membership_create(
            person=Person.objects.get(name="Jakob Næsager"),
            body=political("Byen"),
            party=Party.objects.get(short_name="KK"),
            start=datetime.date(2023, 1, 1),
        )


def test_substitutes_for_the_health_mayor_in_both_clusters() -> None:
    for short in ("Byen", "Syd"):
        principal = Membership.objects.get(person__name="Sisse Marie Welling", body=political(short))
        subs = {s.substitute.name: s for s in principal.substitutions.all()}
        assert set(subs) == {"Karina Vestergård Madsen", "Jakob Næsager"}
        for s in subs.values():
            assert s.condition == "hvis det er mere relevant i forhold til dagsordenen"
            assert "udledt" in s.source_note
        karina_topics = set(subs["Karina Vestergård Madsen"].topics.values_list("name", flat=True))
        assert {"Socialt udsatte", "Rusmidler og alkohol", "Psykiatri"} <= karina_topics
        assert "Børn og unge" in set(subs["Jakob Næsager"].topics.values_list("name", flat=True))
    assert Person.objects.get(name="Karina Vestergård Madsen").title == "Socialborgmester"
    assert Person.objects.get(name="Jakob Næsager").title == "Børne- og ungdomsborgmester"
    assert not Substitution.objects.filter(principal__person__name="Line Ervolder").exists()


# Meetings and the clusters' work


def test_kickoff_meetings_28_september_2022() -> None:
    day = datetime.date(2022, 9, 28)
    byen_item = meeting(political("Byen"), day).agenda_items.get()
    syd_item = meeting(political("Syd"), day).agenda_items.get()
    for it in (byen_item, syd_item):
        assert it.meeting.status == MeetingStatus.HELD
        assert it.title == "Indledende drøftelse af fokusområder"
        assert it.kind == AgendaItemKind.DISCUSSION
    wellbeing = FocusArea.objects.get(name="Børn og unge i mistrivsel")
    assert set(wellbeing.collaborations.values_list("short_name", flat=True)) == {"Byen", "Syd"}
    assert wellbeing.decided_at == byen_item
    assert wellbeing in syd_item.focus_areas.all()
    expected = {
        "Børn og unge i mistrivsel": "Byen",
        "Fødeområdet – optageområde og sektorovergange mellem hospital og kommune": "Byen",
        "Ammeindsats": "Syd",
        "Indsats om overvægt, evt. på børneområdet": "Syd",
    }
    for name, short in expected.items():
        fa = FocusArea.objects.get(name=name)
        assert fa.status == FocusAreaStatus.DISCUSSED
        assert fa.decided_at == (byen_item if short == "Byen" else syd_item)
        assert cluster(short) in fa.collaborations.all()


def test_byen_theme_discussions_planned_for_2023() -> None:
    january = meeting(political("Byen"), datetime.date(2023, 1, 10))
    assert january.status == MeetingStatus.PLANNED
    jan_item = january.agenda_items.get()
    assert jan_item.kind == AgendaItemKind.THEME_DISCUSSION
    assert "fødeområdet" in jan_item.title
    assert "overgang mellem hospital og kommune" in jan_item.summary
    assert not jan_item.is_tentative
    may = meeting(political("Byen"), datetime.date(2023, 5, 2))
    assert may.status == MeetingStatus.PLANNED
    may_item = may.agenda_items.get()
    assert may_item.kind == AgendaItemKind.THEME_DISCUSSION
    assert may_item.is_tentative
    assert list(may_item.focus_areas.values_list("name", flat=True)) == ["Børn og unge i mistrivsel"]


def test_ssu_13_october_2023_temporary_places() -> None:
    ssu_body = Body.objects.get(collaboration__kind=CollaborationKind.HEALTH_COLLABORATION_COMMITTEE)
    october = meeting(ssu_body, datetime.date(2023, 10, 13))
    assert october.status == MeetingStatus.HELD
    assert "midlertidige pladser" in october.agenda_items.get().title


def test_ssu_1_december_2023_joint_decision_on_discharges() -> None:
    it = item("Samarbejde og koordination i forbindelse med indlæggelser og udskrivelser")
    assert it.meeting.date == datetime.date(2023, 12, 1)
    assert it.meeting.status == MeetingStatus.HELD
    assert it.meeting.body.collaboration.kind == CollaborationKind.HEALTH_COLLABORATION_COMMITTEE
    assert "13. oktober 2023" in it.summary
    assert "sundhedsklyngerne" in it.summary
    decision = it.decisions.get()
    assert decision.kind == DecisionKind.JOINT
    assert decision.topic is not None and decision.topic.name == "Indlæggelse og udskrivning"
    assert not AuthorityArea.objects.filter(topic=decision.topic).exists()
    assert "bedre samarbejde og koordination i forbindelse med udskrivelser" in decision.text


def test_gp_coverage_figures() -> None:
    results = item("Resultater fra lægedækningsundersøgelsen")
    threatened = item("Lægedækningstruede områder for 2024")
    assert results.meeting == threatened.meeting
    assert results.meeting.date == datetime.date(2023, 12, 1)
    needed = {
        f.area.name: f for f in results.reported_figures.filter(metric=FigureMetric.GPS_NEEDED) if f.area
    }
    assert needed["København"].value == Decimal(62)
    assert needed["København"].year == 2027
    assert "befolkningstilvækst" in needed["København"].explanation.lower()
    assert "pension" in needed["København"].explanation
    assert needed["Amager"].value == Decimal(17)
    assert needed["Amager"].year == 2027
    flagged = threatened.reported_figures.filter(metric=FigureMetric.GP_THREATENED_AREA, year=2024)
    assert {f.area.name for f in flagged if f.area} == {"Amager", "Bispebjerg", "Nørrebro"}
    assert ReportedFigure.objects.count() == 5


def test_syd_16_november_2023() -> None:
    theme = item("Erfaringer og potentiale for tværsektoriel forskning i sundhedsklyngen")
    assert theme.kind == AgendaItemKind.THEME_DISCUSSION
    assert theme.meeting.body == political("Syd")
    assert theme.meeting.date == datetime.date(2023, 11, 16)
    assert theme.meeting.status == MeetingStatus.HELD
    names = {
        "Midlertidige pladser",
        "Alkoholscreening",
        "Den ældre medicinske patient",
        "Organisatoriske forløbspakker",
        "Botilbudslæger",
    }
    decided = theme.focus_areas_decided.all()
    assert {fa.name for fa in decided} == names
    for fa in decided:
        assert fa.status == FocusAreaStatus.ADOPTED
        research = fa.follow_up_research.get()
        assert research.status == FollowUpResearchStatus.CONSIDERED
        assert research.title.startswith("Mulighed for følgeforskning")


def test_syd_politically_decided_initiatives() -> None:
    status_item = item("Status på de politisk besluttede indsatser")
    assert status_item.kind == AgendaItemKind.STATUS
    assert status_item.meeting.date == datetime.date(2023, 11, 16)
    initiatives = {i.name: i for i in status_item.initiatives.all()}
    assert set(initiatives) == {
        "Den gode overgang",
        "Tværsektoriel indsats om overvægt",
        "Den gode start på livet",
        "Implementering af samarbejdsaftalerne på børne- og ungepsykiatrien hhv. voksenpsykiatrien",
    }
    for initiative in initiatives.values():
        assert initiative.status == InitiativeStatus.APPROVED
        assert initiative.approved_by_body == political("Syd")
        assert initiative.approved_by is None
        assert initiative.collaboration == cluster("Syd")
    assert initiatives["Den gode start på livet"].focus_area == FocusArea.objects.get(name="Ammeindsats")
    assert "ammeindsats" in initiatives["Den gode start på livet"].description
    assert initiatives["Tværsektoriel indsats om overvægt"].focus_area == FocusArea.objects.get(
        name="Indsats om overvægt, evt. på børneområdet"
    )
    assert "udskrivelse" in initiatives["Den gode overgang"].description


def test_byen_28_november_2023_socially_vulnerable_and_2_mio() -> None:
    nov = meeting(political("Byen"), datetime.date(2023, 11, 28))
    assert nov.status == MeetingStatus.HELD
    it = nov.agenda_items.get(title="Socialt udsatte borgeres somatiske sygdom")
    focus_area = FocusArea.objects.get(name="Socialt udsatte borgeres somatiske sygdom")
    assert focus_area.status == FocusAreaStatus.ADOPTED
    decision = it.decisions.get()
    assert decision.kind == DecisionKind.JOINT
    approved = Initiative.objects.filter(approved_by=decision)
    assert set(approved.values_list("name", flat=True)) == {
        "Samarbejde mellem socialtandplejen og Flexklinikken",
        "Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for abstinensbehandling",
    }
    assert set(it.initiatives.all()) == set(approved)
    for initiative in approved:
        assert initiative.status == InitiativeStatus.APPROVED
        assert initiative.focus_area == focus_area
    allocation = Allocation.objects.get(amount=Decimal(2_000_000))
    assert allocation.decision == decision
    assert allocation.decision.agenda_item.meeting == nov
    assert allocation.focus_area == focus_area
    assert {i.focus_area for i in approved} == {allocation.focus_area}


def test_byen_28_november_2023_training_six_trial_actions_and_1_4_mio() -> None:
    it = item("Træning før eller i stedet for operation")
    assert it.meeting == meeting(political("Byen"), datetime.date(2023, 11, 28))
    assert "slidgigt" in it.summary and "kredsløbsrelaterede smerter i benene" in it.summary
    focus_area = FocusArea.objects.get(name="Træning før eller i stedet for operation")
    assert focus_area.status == FocusAreaStatus.ADOPTED
    decision = it.decisions.get()
    trial_actions = list(TrialAction.objects.filter(focus_area=focus_area).order_by("position"))
    assert [t.position for t in trial_actions] == [1, 2, 3, 4, 5, 6]
    assert all(t.approved_by == decision for t in trial_actions)
    named = [t for t in trial_actions if t.named_in_source]
    assert [t.name for t in named] == [
        "Direkte henvisning af sårbare borgere fra almen praksis til kommune",
        "Træning i lokale foreninger som en del af det kommunale tilbud",
    ]
    assert "tryk henvisning af sårbare borgere fra almen praksis til kommune" in named[0].source_note
    unnamed = [t for t in trial_actions if not t.named_in_source]
    assert len(unnamed) == 4
    assert all(t.name == "" for t in unnamed)
    allocation = Allocation.objects.get(amount=Decimal(1_400_000))
    assert allocation.decision == decision
    assert allocation.focus_area == focus_area


def test_the_authority_rule_holds_for_the_demo_decisions() -> None:
    training = Topic.objects.get(name="Træning og genoptræning")
    assert AuthorityArea.objects.get(topic=training).holder_kind == PartyKind.MUNICIPALITY
    for decision in Decision.objects.filter(kind=DecisionKind.JOINT):
        assert decision.topic is None or not AuthorityArea.objects.filter(topic=decision.topic).exists()
    # The demo data obeys the rule: a joint decision on training in Byen would be refused.
    with pytest.raises(ValidationError):
        decision_create(
            agenda_item=item("Træning før eller i stedet for operation"),
            kind=DecisionKind.JOINT,
            text="Fælles beslutning om genoptræning.",
            topic=training,
        )


def test_cluster_funds_of_byen() -> None:
    fund = Fund.objects.get(kind=FundKind.POOL)
    assert fund.name == "Klyngemidler Sundhedsklynge Byen 2023"
    assert fund.body == political("Byen")
    assert fund.year == 2023
    assert fund.amount is None
    assert "fremgår ikke" in fund.description
    assert fund.allocated_total() == Decimal(3_400_000)


def test_byen_wishes_for_2024_and_the_extra_meeting() -> None:
    it = item("Ønsker til fokus i 2024")
    assert it.kind == AgendaItemKind.DISCUSSION
    assert it.meeting == meeting(political("Byen"), datetime.date(2023, 11, 28))
    decision = it.decisions.get()
    assert decision.kind == DecisionKind.JOINT
    for phrase in (
        "kommer i mål",
        "optimering af eksisterende samarbejder",
        "udbredelse af afprøvede metoder",
    ):
        assert phrase in decision.text
    for phrase in (
        "ældre medicinske patient",
        "Sundhedsaftale 2024-2027",
        "Sundhedsstrukturkommissionens",
        "2. halvår 2024",
    ):
        assert phrase in it.summary
    extra = Meeting.objects.get(body=political("Byen"), is_extra=True)
    assert extra.date == datetime.date(2024, 7, 1)
    assert extra.date_precision == DatePrecision.HALF_YEAR
    assert extra.status == MeetingStatus.PLANNED
    extra_item = extra.agenda_items.get()
    assert extra_item.is_tentative
    assert extra_item.title == "Den overordnede retning for sundhedsklyngesamarbejdet"


def test_memo_2023_metadata_is_not_modelled_as_people() -> None:
    assert not Person.objects.filter(name__icontains="Melissa").exists()
