"""Every model in the Django admin is written there through the domain's commands (`CommandAdmin`), shown
read-only (`EditedInAppAdmin`: pages, API and CLI write it by the commands), or is reference data that no
page or API writes (the admin and the reference import are its only writers). A new admin must choose."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.urls import reverse

from klynge.kernel.admin import CommandAdmin, EditedInAppAdmin
from tests.clients import administrator

# No page, API or CLI command writes these: the admin (and `klynge reference import`, `klynge user add`,
# the sending of e-mails for the log) are their writers, with the models' rules.
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


def registered() -> dict[str, ModelAdmin]:
    return {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}


def klynge_admins() -> dict[str, ModelAdmin]:
    return {
        label: model_admin
        for label, model_admin in registered().items()
        if "klynge" in model_admin.__module__
    }


def test_every_admin_writes_by_the_commands_or_not_at_all() -> None:
    undecided = [
        label
        for label, model_admin in klynge_admins().items()
        if not isinstance(model_admin, CommandAdmin | EditedInAppAdmin)
        and label not in REFERENCE_DATA | REVOKED_ONLY
    ]
    assert undecided == []


READ_ONLY = sorted(
    label for label, model_admin in klynge_admins().items() if isinstance(model_admin, EditedInAppAdmin)
)


@pytest.mark.django_db
@pytest.mark.parametrize("label", READ_ONLY)
def test_a_read_only_admin_adds_nothing(label: str) -> None:
    app_label, model_name = label.lower().split(".")
    client = administrator()
    assert client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200
    response = client.post(reverse(f"admin:{app_label}_{model_name}_add"), {})
    assert response.status_code == 403
