"""GP coverage's one write, the import of a file as a new dataset, is one path: the page's upload and the
command itself (as the API or any other caller builds it) store the same dataset and refuse alike — the
same Danish messages per field, 403 for those who may not import.

GP coverage has no write endpoint in the API (it reads only), so the command is called directly with the
same input the page sends; each way runs from the same starting point (the first is rolled back).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.gpcoverage.commands import GpCoverageDatasetImport, gp_coverage_dataset_import
from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from tests.factories import ClusterWorld
from tests.gpcoverage.helpers import build_city, csv_file

Outcome = tuple[str, dict[str, list[str]] | None]  # saved, refused (with the messages) or forbidden

GOOD_FILE = csv_file("Nordby;2024;1000;nej;1;;0;", "Sydby;2024;2000;nej;2;1;0;1")
BAD_FILE = csv_file("Nordby;2024;1000;nej;1;;0;", "Atlantis;2024;-1;nej;1;;0;")
# The settings as the page's fields take them, and as the command takes them.
SETTINGS = {"norm": 1600, "max_patients_per_capacity": 1600, "share_60_plus": 30, "closed": 1, "criteria": 1}


def stored() -> tuple[Any, ...]:
    datasets = tuple(
        GpCoverageDataset.objects.order_by("name").values_list(
            "name",
            "source_note",
            "is_example",
            "norm",
            "max_patients_per_capacity",
            "share_60_plus_threshold",
            "closed_practices_threshold",
            "criteria_required",
        )
    )
    figures = tuple(
        GpCoverageFigure.objects.order_by("area__name", "year").values_list("area__name", "population")
    )
    return datasets, figures


def user_with(role: Role, world: ClusterWorld) -> Any:
    extra: dict[str, Any] = {"party": world.municipality} if role == Role.EDITOR else {}
    if role == Role.MEMBER:
        extra = {"person": world.mayor}
    account, _ = account_create(email=f"{role}@gp.test.dk", role=role, password="x", **extra)
    return get_user_model().objects.get(pk=account.pk)


def through_page(user: Any, content: bytes, settings: dict[str, Any]) -> Outcome:
    client = Client()
    client.force_login(user)
    response = client.post(
        "/laegedaekning/import/",
        {
            "name": "Lægedækning 2024",
            "source_note": "Regionens analyse",
            "norm": settings["norm"],
            "max_patients_per_capacity": settings["max_patients_per_capacity"],
            "share_60_plus_percent": settings["share_60_plus"],
            "closed_practices_threshold": settings["closed"],
            "criteria_required": settings["criteria"],
            "file": SimpleUploadedFile("tal.csv", content, content_type="text/csv"),
        },
    )
    if response.status_code == 302:
        return ("saved", None)
    if response.status_code == 403:
        return ("forbidden", None)
    assert response.status_code == 422, response.status_code
    errors = response.context["form"].errors
    return ("refused", {field: list(messages) for field, messages in errors.items()})


def through_command(user: Any, content: bytes, settings: dict[str, Any]) -> Outcome:
    share = settings["share_60_plus"]
    command = GpCoverageDatasetImport(
        name="Lægedækning 2024",
        content=content,
        file_name="tal.csv",
        source_note="Regionens analyse",
        norm=settings["norm"],
        max_patients_per_capacity=settings["max_patients_per_capacity"],
        share_60_plus_threshold=None if share is None else Decimal(share) / 100,
        closed_practices_threshold=settings["closed"],
        criteria_required=settings["criteria"],
    )
    try:
        gp_coverage_dataset_import(actor=user, command=command)
    except PermissionDenied:
        return ("forbidden", None)
    except ValidationError as error:
        return ("refused", error.message_dict)
    return ("saved", None)


def run(
    send: Callable[[Any, bytes, dict[str, Any]], Outcome], user: Any, content: bytes, settings: dict[str, Any]
) -> tuple[Outcome, tuple[Any, ...]]:
    with transaction.atomic():
        outcome = send(user, content, settings)
        result = stored()
        transaction.set_rollback(True)
    return outcome, result


CASES: dict[str, tuple[Role, bytes, dict[str, Any], str, str | None]] = {
    "an editor imports a dataset": (Role.EDITOR, GOOD_FILE, SETTINGS, "saved", None),
    "an administrator imports without the 60+ criterion": (
        Role.ADMIN,
        GOOD_FILE,
        {**SETTINGS, "share_60_plus": None},
        "saved",
        None,
    ),
    "a bad file": (Role.ADMIN, BAD_FILE, SETTINGS, "refused", "file"),
    "more criteria required than in use": (
        Role.ADMIN,
        GOOD_FILE,
        {**SETTINGS, "criteria": 3, "closed": None, "share_60_plus": None},
        "refused",
        "criteria_required",
    ),
    "a member may not import": (Role.MEMBER, GOOD_FILE, SETTINGS, "forbidden", None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_and_the_command_import_and_refuse_alike(world: ClusterWorld, case: str) -> None:
    role, content, settings, expected, field = CASES[case]
    build_city()
    user = user_with(role, world)
    before = stored()

    by_page = run(through_page, user, content, {k: "" if v is None else v for k, v in settings.items()})
    by_command = run(through_command, user, content, settings)

    assert by_page == by_command
    assert by_page[0][0] == expected
    assert (by_page[1] != before) == (expected == "saved")
    if field is not None:
        assert by_page[0][1] is not None and list(by_page[0][1]) == [field]
