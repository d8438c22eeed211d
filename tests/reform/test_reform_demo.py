"""The 2027 transition on the demo: proposals, review, carry-over, idempotence, cluster records unchanged,
access and bad input; and the coordination view."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.bodies.models import Collaboration
from klynge.organisation.models import Party
from klynge.reform.models import CarryOver, TransitionPlan
from klynge.reform.selectors import cluster_proposals
from klynge.reform.services import Choice, transition_plan_save, transition_plan_transfer
from klynge.work.models import FocusArea, Initiative, InitiativeStatus
from klynge.work.services import initiative_create
from tests.clients import administrator, editor_of

pytestmark = pytest.mark.django_db

HOVEDSTADEN = "Sundhedsråd Hovedstaden"
AMAGER = "Sundhedsråd Amager og Vestegnen"


def names(councils: Any) -> set[str]:
    return {c.name for c in councils}


def snapshot(cluster: Collaboration) -> dict[str, Any]:
    """Every field, many-to-many relation and history count of the cluster's focus areas and initiatives."""
    data: dict[str, Any] = {}
    for fa in FocusArea.objects.filter(collaborations=cluster):
        data[f"fa-{fa.pk}"] = (
            {f.attname: getattr(fa, f.attname) for f in fa._meta.concrete_fields},
            sorted(fa.collaborations.values_list("pk", flat=True)),
            sorted(fa.topics.values_list("pk", flat=True)),
            fa.history.count(),
        )
    for i in Initiative.objects.filter(collaboration=cluster):
        data[f"in-{i.pk}"] = (
            {f.attname: getattr(i, f.attname) for f in i._meta.concrete_fields},
            sorted(i.responsible_parties.values_list("pk", flat=True)),
            i.history.count(),
        )
    return data


def accept_all(cluster: Collaboration) -> dict[str, Choice]:
    return {p.key: Choice(tuple(c.pk for c in p.councils)) for p in cluster_proposals(cluster)}


def test_demo_has_region_oest_and_two_councils(demo_loaded: None) -> None:
    region = Party.objects.get(name="Region Østdanmark")
    assert str(region.valid_from) == "2027-01-01"
    assert str(Party.objects.get(name="Region Hovedstaden").valid_to) == "2026-12-31"
    hovedstaden = Collaboration.objects.get(name=HOVEDSTADEN)
    assert names(hovedstaden.parties.all()) == {
        "Region Østdanmark",
        "Københavns Kommune",
        "Frederiksberg Kommune",
    }
    amager = Collaboration.objects.get(name=AMAGER)
    assert amager.parties.count() == 10 and "Københavns Kommune" not in names(amager.parties.all())
    assert hovedstaden.bodies.get().level == "political" and not hovedstaden.bodies.get().memberships.exists()


def test_proposals_follow_the_municipalities(demo_loaded: None) -> None:
    byen = Collaboration.objects.get(short_name="Byen", kind="cluster")
    syd = Collaboration.objects.get(short_name="Syd", kind="cluster")
    for proposal in cluster_proposals(byen):
        assert names(proposal.councils) == {HOVEDSTADEN}, proposal.reason
    hvidovre = Party.objects.get(name="Hvidovre Kommune")
    only_hvidovre = initiative_create(
        name="Hvidovre-indsats", collaboration=syd, responsible_parties=[hvidovre]
    )
    by_key = {p.key: p for p in cluster_proposals(syd)}
    assert names(by_key[f"in-{only_hvidovre.pk}"].councils) == {AMAGER}
    assert "Hvidovre Kommune → Sundhedsråd Amager og Vestegnen" in by_key[f"in-{only_hvidovre.pk}"].reason
    overgang = Initiative.objects.get(name="Den gode overgang")
    both = by_key[f"in-{overgang.pk}"]
    assert names(both.councils) == {HOVEDSTADEN, AMAGER}
    assert "Amager Øst" in both.reason  # Copenhagen's part of Syd, by its districts


def test_review_transfer_idempotent_and_cluster_unchanged(demo_loaded: None) -> None:
    syd = Collaboration.objects.get(short_name="Syd", kind="cluster")
    before = snapshot(syd)
    choices = accept_all(syd)
    breastfeeding = FocusArea.objects.get(name="Ammeindsats")
    choices[f"fa-{breastfeeding.pk}"] = Choice((), "Indgår i sundhedsrådenes fælles fødselsindsats.")
    plan = transition_plan_save(cluster=syd, choices=choices)
    assert plan.history.count() == 1
    created = transition_plan_transfer(plan=plan)
    assert created
    assert not CarryOver.objects.filter(original_focus_area=breastfeeding).exists()
    overgang = Initiative.objects.get(name="Den gode overgang", collaboration=syd)
    successors = Initiative.objects.filter(carried_over_from__original_initiative=overgang)
    assert names(s.collaboration for s in successors) == {HOVEDSTADEN, AMAGER}
    for successor in successors:
        assert successor.status == InitiativeStatus.APPROVED and successor.description == overgang.description
        assert "Videreført fra Sundhedsklynge Syd" in successor.source_note
    again = transition_plan_transfer(plan=plan)
    assert again == []
    assert snapshot(syd) == before
    # The lineage shows on the plan page and through the include.
    from django.template import Context, Template

    html = Template("{% load reform_lineage %}{% carried_over_from record %}").render(
        Context({"record": successors[0]})
    )
    assert "Videreført fra" in html and "Sundhedsklynge Syd" in html


def test_pages_and_access(demo_loaded: None) -> None:
    byen = Collaboration.objects.get(short_name="Byen", kind="cluster")
    kk = Party.objects.get(name="Københavns Kommune")
    outsider = Party.objects.get(name="Bornholms Regionskommune")
    editor = editor_of(kk)
    assert editor.get("/reform/").status_code == 200
    page = editor.get(f"/reform/{byen.slug}/")
    assert page.status_code == 200 and HOVEDSTADEN in page.content.decode()
    other = editor_of(outsider)
    plans = TransitionPlan.objects.count()
    assert other.get(f"/reform/{byen.slug}/").status_code == 403
    assert other.post(f"/reform/{byen.slug}/", {}).status_code == 403
    assert other.post(f"/reform/{byen.slug}/overfoer/").status_code == 403
    assert TransitionPlan.objects.count() == plans
    assert Client().get(f"/reform/{byen.slug}/").status_code == 302
    # Save through the page with the proposals as they stand, then carry over.
    proposals = cluster_proposals(byen)
    data = {f"{p.key}-raad": [str(c.pk) for c in p.councils] for p in proposals}
    response = editor.post(f"/reform/{byen.slug}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = editor.post(f"/reform/{byen.slug}/overfoer/", follow=True)
    assert "videreført til sundhedsrådene" in response.content.decode()
    assert CarryOver.objects.filter(cluster=byen).count() == len(proposals)


def test_bad_input_is_refused_in_danish(demo_loaded: None) -> None:
    byen = Collaboration.objects.get(short_name="Byen", kind="cluster")
    admin = administrator()
    proposals = cluster_proposals(byen)
    data: dict[str, Any] = {f"{p.key}-raad": [str(c.pk) for c in p.councils] for p in proposals}
    data[f"{proposals[0].key}-raad"] = ["999999"]
    data["fa-999999-raad"] = ["1"]  # a tampered record id: not one of the cluster's
    response = admin.post(f"/reform/{byen.slug}/", data)
    assert (
        response.status_code == 422 and "Vælg blandt de registrerede sundhedsråd" in response.content.decode()
    )
    data[f"{proposals[0].key}-raad"] = []
    response = admin.post(f"/reform/{byen.slug}/", data)
    assert "hvorfor posten ikke videreføres" in response.content.decode()
    assert not TransitionPlan.objects.filter(cluster=byen).exists()
    with pytest.raises(Exception, match="hører ikke til"):
        transition_plan_save(cluster=byen, choices={**accept_all(byen), "in-999999": Choice(())})
    assert admin.post(f"/reform/{byen.slug}/overfoer/", follow=True).status_code == 200
    assert admin.get("/reform/findes-ikke/").status_code == 404


def test_coordination_view(demo_loaded: None) -> None:
    client = Client()
    with CaptureQueriesContext(connection) as context:
        response = client.get("/koordination/koebenhavns-kommune/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sundhedsklynge Byen" in html and "Sundhedsklynge Syd" in html
    assert "Amning: kun i Syd, ikke i Byen" in html
    assert "Koordinationsforum for Københavns Kommune" in html
    assert len(context.captured_queries) < 25
    assert client.get("/koordination/region-hovedstaden/").status_code == 404
