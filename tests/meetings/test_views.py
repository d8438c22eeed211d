import datetime

import pytest
from django.test import Client

from klynge.attendance.services import absence_record
from klynge.meetings.models import AgendaItemKind, DatePrecision, FigureMetric
from klynge.meetings.services import agenda_item_create, meeting_create, reported_figure_create
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries


def test_meeting_page(client: Client, world: ClusterWorld) -> None:
    reported_figure_create(
        agenda_item=world.agenda_item,
        metric=FigureMetric.GPS_NEEDED,
        label="Nye praktiserende læger frem mod 2027",
        area=world.area,
        value=62,
        unit="læger",
        year=2027,
    )
    response = client.get(f"/moeder/{world.meeting.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Politisk sundhedsklynge Test" in html
    assert "28. november 2023" in html
    assert "Afholdt" in html
    assert "1. Forebyggelse i Test" in html and f'id="dagsordenspunkt-{world.agenda_item.pk}"' in html
    assert "Beslutning" in html and "Åbent punkt" in html
    assert "Fælles beslutning" in html and "Klyngen godkendte indsatsen." in html
    assert "2 mio. kr. fra Klyngemidler Test 2023" in html
    assert "Indsats Test" in html  # approved initiative
    assert "Prøvehandling Test" in html  # approved trial action
    assert "Nye praktiserende læger frem mod 2027" in html and "62 læger" in html and "2027" in html
    assert "Kilde:" in html


def test_meeting_known_only_by_half_year(client: Client, world: ClusterWorld, admin_user) -> None:  # type: ignore[no-untyped-def]
    meeting = meeting_create(
        body=world.political,
        date=datetime.date(2024, 7, 1),
        date_precision=DatePrecision.HALF_YEAR,
        is_extra=True,
    )
    agenda_item_create(
        meeting=meeting,
        title="Sundhedsklyngesamarbejdets retning",
        kind=AgendaItemKind.THEME_DISCUSSION,
        is_tentative=True,
        is_public=False,
    )
    public_html = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "2. halvår 2024" in public_html
    assert "Sundhedsklyngesamarbejdets retning" not in public_html  # closed: not for the public
    client.force_login(admin_user)
    html = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Ekstraordinært møde" in html
    assert "Forventet" in html and "Lukket punkt" in html and "Temadrøftelse" in html
    month = meeting_create(
        body=world.political, date=datetime.date(2023, 12, 1), date_precision=DatePrecision.MONTH
    )
    assert "december 2023" in client.get(f"/moeder/{month.pk}/").content.decode()


def test_meeting_list_and_filter(client: Client, world: ClusterWorld) -> None:
    html = client.get("/moeder/").content.decode()
    assert f"/moeder/{world.meeting.pk}/" in html
    assert "28. november 2023" in html
    filtered = client.get("/moeder/", {"organ": world.political.slug, "aar": "2023"})
    assert filtered.status_code == 200
    assert f"/moeder/{world.meeting.pk}/" in filtered.content.decode()
    other_year = client.get("/moeder/", {"organ": world.political.slug, "aar": "2022"})
    assert f"/moeder/{world.meeting.pk}/" not in other_year.content.decode()
    other_body = client.get("/moeder/", {"organ": world.professional.slug})
    assert f"/moeder/{world.meeting.pk}/" not in other_body.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"aar": "abc"}, "Indtast et heltal"),
        ({"aar": "1800"}, "1900"),
        ({"organ": "findes-ikke"}, "Organet findes ikke."),
        ({"organ": "<script>"}, "Organ"),
        ({"side": "x"}, "Side"),
    ],
)
def test_bad_filter_is_a_danish_400(
    client: Client, world: ClusterWorld, params: dict[str, str], message: str
) -> None:
    response = client.get("/moeder/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filteret kunne ikke bruges" in html
    assert message in html
    assert "<script>" not in html


@pytest.mark.parametrize("url", ["/moeder/999999/", f"/moeder/{10**30}/"])
def test_unknown_meeting_is_404(client: Client, world: ClusterWorld, url: str) -> None:
    assert client.get(url).status_code == 404


def test_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    # With an absence and a substitute on record, so who is expected is shown in full.
    substitute = world.mayor_membership.substitutions.get().substitute
    absence_record(meeting=world.meeting, membership=world.mayor_membership, substitute=substitute)
    assert_fixed_queries(
        client,
        {
            "/moeder/": 5,
            f"/moeder/?organ={world.political.slug}&aar=2023": 5,
            f"/moeder/{world.meeting.pk}/": 19,
        },
        world=world,
    )
