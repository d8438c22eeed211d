"""The admin: every model is registered, its pages open, and saving goes through the models' rules."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from klynge.meetings.models import Decision, ReportedFigure
from klynge.work.models import Initiative
from tests.factories import ClusterWorld

APPS = ["provenance", "organisation", "catchment", "bodies", "meetings", "work", "attendance"]


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


def edited_in_app(model: type[Model]) -> bool:
    return isinstance(admin.site._registry[model], EditedInAppAdmin)


def written_by_commands(model: type[Model]) -> bool:
    return isinstance(admin.site._registry[model], CommandAdmin)


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m._meta.label)
def test_admin_pages_open(staff: Client, model: type[Model]) -> None:
    assert staff.get(url(model, "changelist")).status_code == 200
    assert staff.get(url(model, "changelist"), {"q": "test"}).status_code == 200
    assert staff.get(url(model, "add")).status_code == (403 if edited_in_app(model) else 200)
    instance = model._default_manager.first()
    if instance is not None:
        assert staff.get(url(model, "change", instance.pk)).status_code == 200
        if hasattr(model, "history"):
            assert staff.get(url(model, "history", instance.pk)).status_code == 200


def test_the_records_kept_in_the_app_are_written_only_through_its_commands() -> None:
    """Read-only in the admin, or written there by the same commands as the pages and the API."""
    kept_in_app = {m._meta.label for m in domain_models() if edited_in_app(m) or written_by_commands(m)}
    assert {
        "meetings.Meeting",
        "meetings.AgendaItem",
        "meetings.Decision",
        "work.FocusArea",
        "work.Initiative",
        "work.TrialAction",
        "work.FollowUpResearch",
        "work.Fund",
        "work.Allocation",
        "bodies.Seat",
        "bodies.Membership",
        "bodies.Substitution",
    } <= kept_in_app


def test_admin_cannot_write_a_decision_past_the_authority_rule(staff: Client, world: ClusterWorld) -> None:
    before = Decision.objects.count()
    response = staff.post(
        url(Decision, "add"),
        {
            "agenda_item": world.agenda_item.pk,
            "kind": "joint",
            "text": "Sygehusene.",
            "topic": world.hospitals_topic.pk,
        },
    )
    assert response.status_code == 403
    change = staff.post(url(Initiative, "change", world.initiative.pk), {"status": "completed"})
    assert change.status_code == 403
    assert Decision.objects.count() == before
    assert Initiative.objects.get(pk=world.initiative.pk).status == "approved"


def test_admin_saves_reference_data_with_the_models_rules(staff: Client, world: ClusterWorld) -> None:
    response = staff.post(
        url(ReportedFigure, "add"),
        {
            "agenda_item": world.agenda_item.pk,
            "metric": "gp_threatened_area",
            "label": "",
            "value": "3",
            "unit": "",
            "year": "",
            "explanation": "",
            "source": "",
            "source_note": "",
        },
    )
    assert response.status_code == 200
    assert "Et lægedækningstruet område skal angive området." in response.content.decode()
    assert not ReportedFigure.objects.exists()
