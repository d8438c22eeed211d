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
from tests.clients import administrator
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
        "bodies.Body",
        "bodies.Seat",
        "bodies.Membership",
        "bodies.Substitution",
        "organisation.Person",
        "organisation.Committee",
        "catchment.CatchmentRule",
    } <= kept_in_app


# No page, API or CLI command writes these: the admin (and `klynge reference import`, `klynge user add`)
# are their writers, with the models' rules.
REFERENCE_DATA = {
    "accounts.Account",
    "catchment.Area",
    "catchment.Hospital",
    "catchment.Specialty",
    "bodies.Collaboration",
    "bodies.Participation",
    "meetings.ReportedFigure",
    "memos.CaseNumberKind",
    "organisation.Administration",
    "organisation.AuthorityArea",
    "organisation.Party",
    "organisation.RegionMembership",
    "organisation.Topic",
    "provenance.Source",
    "work.HealthAgreement",
}
# Tokens are revoked in the admin by the same service as `klynge token revoke`, and nothing else.
REVOKED_ONLY = {"api.ApiToken"}


def klynge_admins() -> dict[str, admin.ModelAdmin]:
    return {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if model_admin.__module__.startswith("klynge.")
    }


def test_every_admin_of_every_app_writes_by_the_commands_or_not_at_all() -> None:
    """A new admin must choose: the commands (`CommandAdmin`), read-only (`EditedInAppAdmin`), or reference
    data that no page, API or CLI command writes."""
    undecided = [
        label
        for label, model_admin in klynge_admins().items()
        if not isinstance(model_admin, CommandAdmin | EditedInAppAdmin)
        and label not in REFERENCE_DATA | REVOKED_ONLY
    ]
    assert undecided == []


READ_ONLY_ELSEWHERE = sorted(
    label
    for label, model_admin in klynge_admins().items()
    if isinstance(model_admin, EditedInAppAdmin) and label.split(".")[0] not in APPS
)


@pytest.mark.django_db
@pytest.mark.parametrize("label", READ_ONLY_ELSEWHERE)
def test_the_other_apps_read_only_admins_add_nothing(label: str) -> None:
    """The apps outside APPS (attachments, memos, healthplans, notifications, reform, …); those in APPS
    are opened above."""
    app_label, model_name = label.lower().split(".")
    client = administrator()
    assert client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200
    assert client.post(reverse(f"admin:{app_label}_{model_name}_add"), {}).status_code == 403


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
