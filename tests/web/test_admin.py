"""The admin: every model is registered, its pages open, and saving goes through the models' rules."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from klynge.meetings.models import Decision
from klynge.work.models import Initiative
from tests.factories import ClusterWorld

APPS = ["provenance", "organisation", "catchment", "bodies", "meetings", "work"]


def domain_models() -> list[type[Model]]:
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


@pytest.fixture
def staff(client: Client, world: ClusterWorld) -> Client:
    user = User.objects.create_superuser("admin", "admin@example.org", "hemmeligt-kodeord")
    client.force_login(user)
    return client


def url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_is_registered_with_history_where_it_has_it() -> None:
    for model in domain_models():
        assert admin.site.is_registered(model), model
        model_admin = admin.site._registry[model]
        if hasattr(model, "history"):
            assert isinstance(model_admin, SimpleHistoryAdmin), model
        assert model_admin.search_fields, model  # so others can pick it by autocomplete


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m._meta.label)
def test_admin_pages_open(staff: Client, model: type[Model]) -> None:
    assert staff.get(url(model, "changelist")).status_code == 200
    assert staff.get(url(model, "changelist"), {"q": "test"}).status_code == 200
    assert staff.get(url(model, "add")).status_code == 200
    instance = model._default_manager.first()
    if instance is not None:
        assert staff.get(url(model, "change", instance.pk)).status_code == 200
        if hasattr(model, "history"):
            assert staff.get(url(model, "history", instance.pk)).status_code == 200


def test_admin_refuses_a_joint_decision_where_a_party_holds_the_authority(
    staff: Client, world: ClusterWorld
) -> None:
    before = Decision.objects.count()
    response = staff.post(
        url(Decision, "add"),
        {
            "agenda_item": world.agenda_item.pk,
            "kind": "joint",
            "text": "Klyngen beslutter sygehusbehandlingen.",
            "topic": world.hospitals_topic.pk,
            "recommended_to": "",
            "source": "",
            "source_note": "",
        },
    )
    assert response.status_code == 200
    assert "er ikke myndighed" in response.content.decode()
    assert Decision.objects.count() == before


def test_admin_follows_the_initiative_lifecycle(staff: Client, world: ClusterWorld) -> None:
    initiative = world.initiative
    data = {
        "name": initiative.name,
        "slug": initiative.slug,
        "description": "",
        "collaboration": world.cluster.pk,
        "focus_area": world.focus_area.pk,
        "parent": "",
        "status": "completed",  # approved → completed skips running
        "approved_by": world.decision.pk,
        "approved_by_body": "",
        "progress": "",
        "start": "",
        "end": "",
        "source": world.source.pk,
        "source_note": "",
    }
    response = staff.post(url(Initiative, "change", initiative.pk), data)
    assert response.status_code == 200
    assert "En indsats kan ikke gå fra »Godkendt« til »Afsluttet«." in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).status == "approved"
    data["status"] = "running"
    response = staff.post(url(Initiative, "change", initiative.pk), data)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).status == "running"
