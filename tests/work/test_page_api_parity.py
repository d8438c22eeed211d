"""Every write on the clusters' work gives the same result by the page and by the API: the same input
stores the same record, and the same bad input gets the same refusal (the same Danish message next to
the field and as the API's 422; a missing right is a 403 on both, a record that does not exist a 404).

The page's form and the API's schema both build the command of `klynge.work.commands`; these tests hold
them to it. Each case runs the page inside a savepoint that is rolled back, then the API on the same
data, and compares what is stored."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.db.models import ManyToManyField, Model
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.kernel.records import record_version
from klynge.kernel.validity import PERIOD_MESSAGE
from klynge.work.commands import STATUS_REFUSAL, YEAR_REFUSAL
from klynge.work.models import (
    FocusArea,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    Initiative,
    TrialAction,
)
from klynge.work.services import follow_up_research_create
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster

API = "/api/v1"
W = ClusterWorld


def _api_client(world: ClusterWorld, *, role: Role = Role.EDITOR, email: str = "api@test.dk") -> Client:
    if role == Role.MEMBER:
        user, _ = account_create(email=email, role=role, person=world.mayor, password="x")
    else:
        user, _ = account_create(email=email, role=role, party=world.municipality, password="x")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='test')[1]}")


def snapshot(record: Model | None) -> dict[str, Any]:
    """What is stored about a record, but its id: its fields and its many-to-many choices."""
    assert record is not None
    record.refresh_from_db()
    stored: dict[str, Any] = {}
    for model_field in record._meta.get_fields():
        if isinstance(model_field, ManyToManyField):
            stored[model_field.name] = sorted(r.pk for r in getattr(record, model_field.name).all())
        elif getattr(model_field, "concrete", False) and not model_field.primary_key:
            stored[model_field.attname] = getattr(record, model_field.attname)  # type: ignore[union-attr]
    return stored


def _research(world: ClusterWorld) -> FollowUpResearch:
    return FollowUpResearch.objects.get(title="Evaluering", initiative=world.initiative)


def _trial_action(world: ClusterWorld) -> TrialAction:
    return world.focus_area.trial_actions.get(position=1)


def _latest(model: type[Model]) -> Callable[[ClusterWorld], Model | None]:
    return lambda world: model._default_manager.order_by("-pk").first()


@dataclass(frozen=True)
class Write:
    """One write: where the page and the API take it, the same input as each takes it, and what it stores."""

    name: str
    page_url: Callable[[W], str]
    api: Callable[[W], tuple[str, str]]  # method, path
    form: Callable[[W], dict[str, Any]]  # every field of the page's form, as an editor fills it in
    json: Callable[[W], dict[str, Any]]  # what the API caller sends (a change: only what changes)
    stored: Callable[[W], Model | None]
    # A broken rule: the page's fields and the API's fields that break it, the field and the message
    # (`bad_form` runs first: where it builds another cluster, `bad_json` refers to that one's records).
    bad_form: Callable[[W], dict[str, Any]]
    bad_json: Callable[[W], dict[str, Any]]
    refused_field: str
    refusal: str
    missing: tuple[str, tuple[str, str]] | None = None  # a record that does not exist: page URL, API


FOCUS_AREA_FORM: Callable[[W], dict[str, Any]] = lambda w: {  # noqa: E731
    "name": "Ældre medicinske patienter",
    "description": "Overgange mellem hospital og kommune.",
    "collaborations": [w.cluster.pk],
    "topics": [w.prevention_topic.pk],
    "status": "discussed",
    "period_start": "2024-01-01",
    "period_end": "",
    "health_agreement": "",
    "decided_at": w.agenda_item.pk,
}


def _focus_area_change_form(w: W) -> dict[str, Any]:
    return {
        "name": w.focus_area.name,
        "description": "Ny beskrivelse",
        "collaborations": [w.cluster.pk],
        "topics": [w.prevention_topic.pk],
        "status": "closed",
        "period_start": "2023-01-01",
        "period_end": "",
        "health_agreement": "",
        "decided_at": w.agenda_item.pk,
        "seen_version": record_version(w.focus_area),
    }


def _initiative_change_form(w: W) -> dict[str, Any]:
    return {
        "name": "Nyt navn",
        "description": "",
        "focus_area": w.focus_area.pk,
        "parent": "",
        "responsible_parties": [w.municipality.pk],
        "start": "2024-01-01",
        "end": "",
        "seen_version": record_version(w.initiative),
    }


def _fund_change_form(w: W) -> dict[str, Any]:
    return {
        "name": w.fund.name,
        "amount": "3.500.000,50",
        "description": "Forhøjet",
        "seen_version": record_version(w.fund),
    }


WRITES = [
    Write(
        name="focus_area_create",
        page_url=lambda w: "/fokusomraader/ny/",
        api=lambda w: ("post", "/focus-areas"),
        form=FOCUS_AREA_FORM,
        json=lambda w: {
            "name": "Ældre medicinske patienter",
            "description": "Overgange mellem hospital og kommune.",
            "collaborations": [w.cluster.pk],
            "topics": [w.prevention_topic.pk],
            "status": "discussed",
            "period_start": "2024-01-01",
            "decided_at": w.agenda_item.pk,
        },
        stored=_latest(FocusArea),
        bad_form=lambda w: {**FOCUS_AREA_FORM(w), "collaborations": [build_cluster("Anden").cluster.pk]},
        bad_json=lambda w: {
            "name": "Ældre",
            "status": "discussed",
            "collaborations": [Initiative.objects.get(name="Indsats Anden").collaboration_id],
        },
        refused_field="collaborations",
        refusal="Vælg samarbejder fra listen.",
    ),
    Write(
        name="focus_area_update",
        page_url=lambda w: f"/fokusomraader/{w.focus_area.slug}/rediger/",
        api=lambda w: ("patch", f"/focus-areas/{w.focus_area.pk}"),
        form=_focus_area_change_form,
        json=lambda w: {
            "description": "Ny beskrivelse",
            "status": "closed",
            "period_start": "2023-01-01",
            "version": record_version(w.focus_area),
        },
        stored=lambda w: w.focus_area,
        bad_form=lambda w: {
            **_focus_area_change_form(w),
            "period_start": "2024-02-01",
            "period_end": "2024-01-01",
        },
        bad_json=lambda w: {"period_start": "2024-02-01", "period_end": "2024-01-01"},
        refused_field="period_end",
        refusal=PERIOD_MESSAGE,
        missing=("/fokusomraader/findes-ikke/rediger/", ("patch", "/focus-areas/999999")),
    ),
    Write(
        name="trial_action_create",
        page_url=lambda w: f"/fokusomraader/{w.focus_area.slug}/proevehandlinger/ny/",
        api=lambda w: ("post", f"/focus-areas/{w.focus_area.pk}/trial-actions"),
        form=lambda w: {
            "name": "Direkte henvisning",
            "description": "Fra almen praksis.",
            "initiative": w.initiative.pk,
        },
        json=lambda w: {
            "name": "Direkte henvisning",
            "description": "Fra almen praksis.",
            "initiative": w.initiative.pk,
        },
        stored=_latest(TrialAction),
        bad_form=lambda w: {
            "name": "x",
            "description": "",
            "initiative": build_cluster("Anden").initiative.pk,
        },
        bad_json=lambda w: {"name": "x", "initiative": Initiative.objects.get(name="Indsats Anden").pk},
        refused_field="initiative",
        refusal="Vælg indsats fra listen.",
        missing=(
            "/fokusomraader/findes-ikke/proevehandlinger/ny/",
            ("post", "/focus-areas/999999/trial-actions"),
        ),
    ),
    Write(
        name="trial_action_update",
        page_url=lambda w: f"/proevehandlinger/{_trial_action(w).pk}/rediger/",
        api=lambda w: ("patch", f"/trial-actions/{_trial_action(w).pk}"),
        form=lambda w: {
            "name": _trial_action(w).name,
            "description": "Træning i lokale foreninger",
            "initiative": w.initiative.pk,
            "seen_version": record_version(_trial_action(w)),
        },
        json=lambda w: {"description": "Træning i lokale foreninger", "initiative": w.initiative.pk},
        stored=_trial_action,
        bad_form=lambda w: {"name": "", "description": "", "initiative": "", "seen_version": ""},
        bad_json=lambda w: {"name": ""},
        refused_field="name",
        refusal="En navngivet prøvehandling skal have et navn.",
        missing=("/proevehandlinger/999999/rediger/", ("patch", "/trial-actions/999999")),
    ),
    Write(
        name="follow_up_research_create (focus area)",
        page_url=lambda w: f"/fokusomraader/{w.focus_area.slug}/foelgeforskning/ny/",
        api=lambda w: ("post", f"/focus-areas/{w.focus_area.pk}/follow-up-research"),
        form=lambda w: {"title": "Alkoholscreening", "status": "planned", "description": " Om screening "},
        json=lambda w: {"title": "Alkoholscreening", "status": "planned", "description": " Om screening "},
        stored=_latest(FollowUpResearch),
        bad_form=lambda w: {"title": "   ", "status": "planned", "description": ""},
        bad_json=lambda w: {"title": "   ", "status": "planned"},
        refused_field="title",
        refusal="Skriv følgeforskningens titel.",
        missing=(
            "/fokusomraader/findes-ikke/foelgeforskning/ny/",
            ("post", "/focus-areas/999999/follow-up-research"),
        ),
    ),
    Write(
        name="follow_up_research_create (initiative)",
        page_url=lambda w: f"/indsatser/{w.initiative.slug}/foelgeforskning/ny/",
        api=lambda w: ("post", f"/initiatives/{w.initiative.pk}/follow-up-research"),
        form=lambda w: {"title": "Overgange", "status": "considered", "description": ""},
        json=lambda w: {"title": "Overgange", "status": "considered"},
        stored=_latest(FollowUpResearch),
        bad_form=lambda w: {"title": "", "status": "planned", "description": ""},
        bad_json=lambda w: {"title": "", "status": "planned"},
        refused_field="title",
        refusal="Skriv følgeforskningens titel.",
        missing=(
            "/indsatser/findes-ikke/foelgeforskning/ny/",
            ("post", "/initiatives/999999/follow-up-research"),
        ),
    ),
    Write(
        name="follow_up_research_update",
        page_url=lambda w: f"/foelgeforskning/{_research(w).pk}/rediger/",
        api=lambda w: ("patch", f"/follow-up-research/{_research(w).pk}"),
        form=lambda w: {
            "title": "Evaluering",
            "status": "running",
            "description": "I gang",
            "seen_version": record_version(_research(w)),
        },
        json=lambda w: {"status": "running", "description": "I gang"},
        stored=_research,
        bad_form=lambda w: {"title": "", "status": "running", "description": "", "seen_version": ""},
        bad_json=lambda w: {"title": " "},
        refused_field="title",
        refusal="Skriv følgeforskningens titel.",
        missing=("/foelgeforskning/999999/rediger/", ("patch", "/follow-up-research/999999")),
    ),
    Write(
        name="initiative_create",
        page_url=lambda w: "/indsatser/ny/",
        api=lambda w: ("post", "/initiatives"),
        form=lambda w: {
            "name": "Socialtandpleje",
            "collaboration": w.cluster.pk,
            "description": "",
            "focus_area": w.focus_area.pk,
            "parent": w.initiative.pk,
            "responsible_parties": [w.municipality.pk, w.region.pk],
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
        json=lambda w: {
            "name": "Socialtandpleje",
            "collaboration": w.cluster.pk,
            "focus_area": w.focus_area.pk,
            "parent": w.initiative.pk,
            "responsible_parties": [w.municipality.pk, w.region.pk],
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
        stored=_latest(Initiative),
        bad_form=lambda w: {
            "name": "x",
            "collaboration": w.cluster.pk,
            "focus_area": build_cluster("Anden").focus_area.pk,
        },
        bad_json=lambda w: {
            "name": "x",
            "collaboration": w.cluster.pk,
            "focus_area": FocusArea.objects.get(name="Forebyggelse Anden").pk,
        },
        refused_field="focus_area",
        refusal="Vælg fokusområde fra listen.",
    ),
    Write(
        name="initiative_update",
        page_url=lambda w: f"/indsatser/{w.initiative.slug}/rediger/",
        api=lambda w: ("patch", f"/initiatives/{w.initiative.pk}"),
        form=_initiative_change_form,
        json=lambda w: {
            "name": "Nyt navn",
            "responsible_parties": [w.municipality.pk],
            "start": "2024-01-01",
        },
        stored=lambda w: w.initiative,
        bad_form=lambda w: {**_initiative_change_form(w), "end": "2023-12-31"},
        bad_json=lambda w: {"start": "2024-01-01", "end": "2023-12-31"},
        refused_field="end",
        refusal=PERIOD_MESSAGE,
        missing=("/indsatser/findes-ikke/rediger/", ("patch", "/initiatives/999999")),
    ),
    Write(
        name="initiative_follow_up",
        page_url=lambda w: f"/indsatser/{w.initiative.slug}/opfoelgning/",
        api=lambda w: ("post", f"/initiatives/{w.initiative.pk}/follow-up"),
        form=lambda w: {"status": "running", "progress": "40", "seen_version": record_version(w.initiative)},
        json=lambda w: {"status": "running", "progress": 40, "version": record_version(w.initiative)},
        stored=lambda w: w.initiative,
        bad_form=lambda w: {"status": "completed", "progress": "", "seen_version": ""},
        bad_json=lambda w: {"status": "completed"},
        refused_field="status",
        refusal=STATUS_REFUSAL,
        missing=("/indsatser/findes-ikke/opfoelgning/", ("post", "/initiatives/999999/follow-up")),
    ),
    Write(
        name="fund_create",
        page_url=lambda w: "/puljer/ny/",
        api=lambda w: ("post", "/funds"),
        form=lambda w: {
            "body": w.political.pk,
            "year": "2024",
            "name": "Klyngemidler 2024",
            "amount": "1.400.000,50",
            "description": "Til forebyggelse.",
        },
        json=lambda w: {
            "body": w.political.pk,
            "year": 2024,
            "name": "Klyngemidler 2024",
            "amount": "1400000.50",
            "description": "Til forebyggelse.",
        },
        stored=_latest(Fund),
        bad_form=lambda w: {"body": w.political.pk, "year": "1999", "name": "Gammel", "amount": ""},
        bad_json=lambda w: {"body": w.political.pk, "year": 1999, "name": "Gammel"},
        refused_field="year",
        refusal=YEAR_REFUSAL,
    ),
    Write(
        name="fund_update",
        page_url=lambda w: f"/puljer/{w.fund.pk}/rediger/",
        api=lambda w: ("patch", f"/funds/{w.fund.pk}"),
        form=_fund_change_form,
        json=lambda w: {"amount": "3500000.50", "description": "Forhøjet"},
        stored=lambda w: w.fund,
        bad_form=lambda w: {**_fund_change_form(w), "amount": "1.000.000"},
        bad_json=lambda w: {"amount": "1000000"},
        refused_field="amount",
        refusal="Rammen kan ikke være mindre end det, der allerede er bevilget.",
        missing=("/puljer/999999/rediger/", ("patch", "/funds/999999")),
    ),
]


def _send(client: Client, method: str, path: str, payload: dict[str, Any]) -> Any:
    return getattr(client, method)(f"{API}{path}", payload, content_type="application/json")


@pytest.fixture
def world_with_research(world: ClusterWorld) -> ClusterWorld:
    follow_up_research_create(
        title="Evaluering", status=FollowUpResearchStatus.PLANNED, initiative=world.initiative
    )
    return world


@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
def test_the_page_and_the_api_store_the_same(world_with_research: ClusterWorld, write: Write) -> None:
    world = world_with_research
    page, api = editor_of(world.municipality), _api_client(world)
    savepoint = transaction.savepoint()
    response = page.post(write.page_url(world), write.form(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    by_page = snapshot(write.stored(world))
    transaction.savepoint_rollback(savepoint)
    method, path = write.api(world)
    answer = _send(api, method, path, write.json(world))
    assert answer.status_code in (200, 201), answer.content
    by_api = snapshot(write.stored(world))
    assert by_page == by_api


def _versions() -> tuple[int, ...]:
    return tuple(
        model.history.count()  # type: ignore[attr-defined]
        for model in (FocusArea, Initiative, TrialAction, FollowUpResearch, Fund)
    )


@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
def test_a_broken_rule_is_refused_alike(world_with_research: ClusterWorld, write: Write) -> None:
    world = world_with_research
    page, api = editor_of(world.municipality), _api_client(world)
    form = write.bad_form(world)  # may build another cluster, before counting versions
    before = _versions()
    response = page.post(write.page_url(world), form)
    html = response.content.decode()
    assert response.status_code == 422, html[:3000]
    method, path = write.api(world)
    answer = _send(api, method, path, write.bad_json(world))
    assert answer.status_code == 422, answer.content
    assert write.refused_field in answer.json()["errors"], answer.content
    assert write.refusal in html
    assert write.refusal in answer.json()["errors"][write.refused_field]
    assert _versions() == before


@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
def test_a_missing_right_is_a_403_on_both(world_with_research: ClusterWorld, write: Write) -> None:
    world = world_with_research
    page = member_as(world.mayor)
    api = _api_client(world, role=Role.MEMBER, email="medlem-api@test.dk")
    before = _versions()
    assert page.post(write.page_url(world), write.form(world)).status_code == 403
    method, path = write.api(world)
    assert _send(api, method, path, write.json(world)).status_code == 403
    assert _versions() == before


MISSING = [w for w in WRITES if w.missing is not None]


@pytest.mark.parametrize("write", MISSING, ids=[w.name for w in MISSING])
def test_a_record_that_does_not_exist_is_a_404_on_both(
    world_with_research: ClusterWorld, write: Write
) -> None:
    world = world_with_research
    page, api = editor_of(world.municipality), _api_client(world)
    assert write.missing is not None
    page_url, (method, path) = write.missing
    assert page.post(page_url, write.form(world)).status_code == 404
    assert _send(api, method, path, write.json(world)).status_code == 404


def test_an_editor_elsewhere_is_refused_the_collaboration_alike(world: ClusterWorld) -> None:
    """Creating in a collaboration the editor's party does not take part in: the choice is refused (422),
    as the page offers only the editor's own collaborations."""
    other = build_cluster("Anden")
    page = editor_of(other.municipality)
    user, _ = account_create(email="ud-api@test.dk", role=Role.EDITOR, party=other.municipality, password="x")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='test')[1]}")
    response = page.post("/indsatser/ny/", {"name": "x", "collaboration": world.cluster.pk})
    assert response.status_code == 422 and "Vælg samarbejde fra listen." in response.content.decode()
    answer = _send(api, "post", "/initiatives", {"name": "x", "collaboration": world.cluster.pk})
    assert answer.status_code == 422
    assert answer.json()["errors"]["collaboration"] == ["Vælg samarbejde fra listen."]


def test_amounts_are_stored_exactly_by_both(world: ClusterWorld) -> None:
    page, api = editor_of(world.municipality), _api_client(world)
    page.post(
        "/puljer/ny/", {"body": world.political.pk, "year": "2025", "name": "Side", "amount": "1.234.567,89"}
    )
    _send(
        api,
        "post",
        "/funds",
        {"body": world.political.pk, "year": 2025, "name": "API", "amount": "1234567.89"},
    )
    amounts = set(Fund.objects.filter(year=2025).values_list("amount", flat=True))
    assert amounts == {Decimal("1234567.89")}
