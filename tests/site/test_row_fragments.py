"""The rows and cards that `klynge_rows` builds in Python (the cluster page, `/struktur/`, `/foelg/`, a body's
page and the lists that share their includes) give, through HTTP, exactly the pages the former templates gave.

The former templates (before issue 14's tags) are kept in `former_row_templates/`, found first when
`TEMPLATES` puts that folder in `DIRS`: each page is fetched with them and with the current ones, for the
public and for an editor (whose pages have the editing links), and compared byte for byte. The records'
names, notes and titles hold `<script>`, `&` and quotes, so every value's escaping is compared too."""

import datetime
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from klynge.bodies.models import CollaborationKind, MembershipRole
from klynge.bodies.services import collaboration_create, membership_create, substitution_create
from klynge.catchment.models import AreaKind
from klynge.catchment.services import area_create, catchment_rule_create, hospital_create, specialty_create
from klynge.meetings.models import AgendaItemKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.services import committee_create, person_create, topic_create
from klynge.work.models import FocusAreaStatus, InitiativeStatus
from klynge.work.services import focus_area_create, fund_create, initiative_create, initiative_set_progress
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster

FORMER = Path(__file__).parent / "former_row_templates"
NASTY = "<script>alert(\"x\")</script> & 'citat'"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def former_templates() -> list[dict[str, Any]]:
    return [{**settings.TEMPLATES[0], "DIRS": [FORMER]}]


@pytest.fixture
def nasty(world: ClusterWorld) -> ClusterWorld:
    """A second cluster whose records' texts need escaping, with what the rows show in every variant."""
    other = build_cluster("Skarp")
    topic = topic_create(name=f"Emne {NASTY}")
    committee_create(party=other.municipality, name=f"Udvalg {NASTY}", code="USKARP", topics=[topic])
    hospital = hospital_create(name=f"Hospital {NASTY}", region=other.region)
    collaboration_create(
        name=f"Klynge {NASTY}",
        kind=CollaborationKind.CLUSTER,
        region=other.region,
        parties=[other.municipality],
        hospitals=[hospital, other.hospital],
        spans=[other.cluster],
        valid_from=datetime.date(2023, 1, 1),
    )
    substitute = person_create(name=f"Vikar {NASTY}", party=other.municipality, source=other.source)
    former = membership_create(
        person=substitute,
        body=other.political,
        party=other.municipality,
        role=MembershipRole.MEMBER,
        title=f"Titel {NASTY}",
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2022, 12, 31),
        source_note=f"Note {NASTY}",
    )
    substitution_create(
        principal=former,
        substitute=other.mayor,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2022, 10, 31),
        condition=f"Betingelse {NASTY}",
        topics=[other.prevention_topic, topic],
    )
    parent = initiative_create(
        name=f"Overordnet {NASTY}",
        collaboration=other.cluster,
        approved_by_body=other.political,
        status=InitiativeStatus.RUNNING,
    )
    child = initiative_create(
        name=f"Del {NASTY}",
        collaboration=other.cluster,
        parent=parent,
        approved_by_body=other.political,
        status=InitiativeStatus.RUNNING,
    )
    initiative_set_progress(initiative=child, progress=40)
    fund_create(body=other.professional, year=2026, name=f"Motor {NASTY}", amount=None)
    fund_create(body=other.political, year=2025, name="Pulje", amount=Decimal("1234567.50"))
    # The cluster page's catchment rules (a district in a municipality, for a specialty, ended) and focus
    # areas (chosen at a public item, at a closed one, at none).
    district = area_create(name=f"Bydel {NASTY}", kind=AreaKind.DISTRICT, parent=other.area)
    catchment_rule_create(
        area=district,
        hospital=other.hospital,
        specialty=specialty_create(name=f"Fødsler {NASTY}"),
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2030, 12, 31),
        source_note=f"Regel {NASTY}",
    )
    closed = agenda_item_create(
        meeting=other.meeting, title="Lukket", kind=AgendaItemKind.DECISION, is_public=False
    )
    for name, decided_at in ((f"Fokus {NASTY}", closed), ("Fokus uden punkt", None)):
        focus_area_create(
            name=name, collaborations=[other.cluster], status=FocusAreaStatus.DISCUSSED, decided_at=decided_at
        )
    meeting_create(body=other.professional, date=datetime.date(2026, 12, 20), is_extra=True)
    meeting_create(
        body=other.political,
        date=datetime.date(2026, 12, 22),
        title=f"Møde {NASTY}",
        status=MeetingStatus.PLANNED,
    )
    return other


def pages(world: ClusterWorld) -> list[str]:
    return [
        reverse("bodies:collaboration_detail", args=[world.cluster.slug]),
        reverse("bodies:body_detail", args=[world.political.slug]),
        reverse("bodies:body_detail", args=[world.professional.slug]),
        reverse("web:structure"),
        reverse("web:front"),
        reverse("meetings:meeting_list"),
        reverse("work:fund_list"),
        reverse("work:initiative_list"),
        reverse("work:focus_area_detail", args=[world.focus_area.slug]),
        reverse("portal:overview"),
    ]


def fetch(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub(b"CSRF", response.content)


@override_settings(PAGECACHE_ENABLED=False)
@pytest.mark.parametrize("viewer", ["anonymous", "editor"])
def test_the_pages_are_what_the_former_templates_gave(nasty: ClusterWorld, viewer: str) -> None:
    client = editor_of(nasty.municipality) if viewer == "editor" else Client()
    for path in pages(nasty):
        now = fetch(client, path)
        with override_settings(TEMPLATES=former_templates()):
            before = fetch(client, path)
        assert now == before, path
    cluster = fetch(client, pages(nasty)[0]).decode()
    assert "<script>alert" not in cluster
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;citat&#x27;" in cluster
    structure = fetch(client, reverse("web:structure")).decode()
    for shown in ("Udvalg ", "Emne ", "Hospital ", "Klynge "):
        assert shown + "&lt;script&gt;" in structure, shown
    for shown in (
        "Vikar ",
        "Titel ",
        "Note ",
        "Betingelse ",
        "Overordnet ",
        "Del ",
        "Motor ",
        "Møde ",
        "Bydel ",
    ):
        assert shown + "&lt;script&gt;" in cluster, shown
    assert "Ekstraordinært" in cluster and "Ikke aktuelt" in cluster and "40 %" in cluster
    assert "Fokus &lt;script&gt;" in cluster and "Fødsler &lt;script" in cluster
    # The closed item where a focus area was discussed: named for the public, linked for its party's editor.
    assert ("på et lukket punkt" in cluster) == (viewer == "anonymous")
    assert "Regel &lt;script" in cluster and "31. december 2030" in cluster and "Fokus uden punkt" in cluster
    overview = fetch(client, reverse("portal:overview")).decode()
    assert "Klynge &lt;script&gt;" in overview and "ikke oplyst" in overview and "Intet planlagt" in overview
    assert ("Tilføj stedfortræder" in fetch(client, pages(nasty)[1]).decode()) == (viewer == "editor")


def test_the_former_templates_are_used_when_asked(nasty: ClusterWorld) -> None:
    """The comparison above compares two renderings: with the former templates the tags are not used."""
    with override_settings(TEMPLATES=former_templates(), PAGECACHE_ENABLED=False):
        from django.template.loader import get_template

        assert (
            "{% for seat in body.seats.all %}"
            in get_template("bodies/includes/body_members.html").template.source
        )
