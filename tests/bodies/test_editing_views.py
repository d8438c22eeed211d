"""Editing a body's composition in the app: members, seats and substitutes, by the right people only,
with Danish errors next to the fields, no lost updates and a fixed number of queries."""

import datetime
import re

import pytest
from django.test import Client

from klynge.bodies.models import Membership, MembershipRole, Seat, Substitution
from klynge.bodies.services import membership_create, seat_set, seats_version, substitution_create
from klynge.kernel.records import record_version
from klynge.organisation.models import Person, Topic
from klynge.organisation.services import person_create, topic_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for

FULL_MESSAGE = "Test Kommune har 2 pladser i Politisk sundhedsklynge Test, og de er besat i perioden."
SUBSTITUTE_OUTSIDE = "Stedfortræderperioden skal ligge inden for medlemskabets periode."


def body_url(world: ClusterWorld) -> str:
    return f"/organer/{world.political.slug}/"


def add_member_url(world: ClusterWorld) -> str:
    return f"/organer/{world.political.slug}/medlemmer/ny/"


def seats_url(world: ClusterWorld) -> str:
    return f"/organer/{world.political.slug}/pladser/"


def membership_url(membership: Membership) -> str:
    return f"/medlemskaber/{membership.pk}/rediger/"


def add_substitute_url(membership: Membership) -> str:
    return f"/medlemskaber/{membership.pk}/stedfortraedere/ny/"


def substitution_url(substitution: Substitution) -> str:
    return f"/stedfortraedere/{substitution.pk}/rediger/"


def deputy_of(world: ClusterWorld) -> Substitution:
    return Substitution.objects.get(principal=world.mayor_membership)


def field_errors(html: str, name: str) -> list[str]:
    """The error messages shown in the form group of the field called `name`."""
    for group in html.split('<div class="form-group')[1:]:
        if f'name="{name}"' in group:
            return re.findall(
                r'<span class="form-error-message"><span class="sr-only">Fejl: </span>(.*?)</span>', group
            )
    raise AssertionError(f"no field {name} in the form")


def member_post(person: Person, world: ClusterWorld, **changes: str) -> dict[str, str]:
    data = {
        "person": str(person.pk),
        "party": str(world.municipality.pk),
        "role": "member",
        "title": "rådmand",
        "start": "2024-01-01",
        "end": "",
    }
    data.update(changes)
    return data


def mayor_post(world: ClusterWorld, **changes: str) -> dict[str, str]:
    data = {
        "role": "co_chair",
        "title": "borgmester",
        "start": "2022-07-01",
        "end": "",
        "seen_version": str(record_version(world.mayor_membership)),
    }
    data.update(changes)
    return data


def rows() -> tuple[int, int, int, int]:
    """Everything an editing page could write, history included."""
    return (
        Membership.history.count(),
        Seat.history.count(),
        Substitution.history.count(),
        Substitution.topics.through.objects.count(),
    )


# Who may edit


def test_an_editor_of_a_participating_party_sees_the_editing_links(world: ClusterWorld) -> None:
    page = editor_of(world.municipality).get(body_url(world)).content.decode()

    assert add_member_url(world) in page and "Tilføj medlem" in page
    assert seats_url(world) in page and "Angiv pladser" in page
    assert membership_url(world.mayor_membership) in page
    assert add_substitute_url(world.mayor_membership) in page
    assert substitution_url(deputy_of(world)) in page


@pytest.mark.parametrize("who", ["anonymous", "member", "other_editor"])
def test_others_see_no_editing_links(world: ClusterWorld, who: str) -> None:
    client = {
        "anonymous": Client,
        "member": lambda: member_as(world.mayor),
        "other_editor": lambda: editor_of(build_cluster("Anden").municipality),
    }[who]()

    page = client.get(body_url(world)).content.decode()

    assert "Borgmester Test" in page
    assert "Tilføj medlem" not in page and "/rediger/" not in page and "/pladser/" not in page


def form_urls(world: ClusterWorld) -> list[str]:
    return [
        add_member_url(world),
        seats_url(world),
        membership_url(world.mayor_membership),
        add_substitute_url(world.mayor_membership),
        substitution_url(deputy_of(world)),
    ]


def test_an_editor_of_another_party_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    outsider = editor_of(build_cluster("Anden").municipality)
    before = rows()

    for url in form_urls(world):
        assert outsider.get(url).status_code == 403, url
        response = outsider.post(url, {"count": "5", "party": world.municipality.pk, "end": "2024-06-30"})
        assert response.status_code == 403, url
        assert "samarbejder, din part deltager i" in response.content.decode()

    assert rows() == before


def test_a_member_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    member = member_as(world.mayor)
    before = rows()

    for url in form_urls(world):
        assert member.get(url).status_code == 403, url
        assert member.post(url, {"count": "5", "end": "2024-06-30"}).status_code == 403, url

    assert rows() == before


def test_anonymous_posts_go_to_the_login_and_change_nothing(world: ClusterWorld) -> None:
    anonymous = Client()
    before = rows()

    for url in form_urls(world):
        response = anonymous.post(url, {"count": "5", "end": "2024-06-30"})
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/"), url

    assert rows() == before


def test_an_administrator_may_edit_any_body(world: ClusterWorld) -> None:
    admin = administrator()

    response = admin.post(membership_url(world.mayor_membership), mayor_post(world, title="overborgmester"))

    assert response.status_code == 302
    assert Membership.objects.get(pk=world.mayor_membership.pk).title == "overborgmester"


def test_the_form_pages_never_write(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    before = rows()

    for url in form_urls(world):
        assert editor.get(url).status_code == 200, url

    assert rows() == before


@pytest.mark.parametrize(
    "url",
    [
        "/organer/findes-ikke/medlemmer/ny/",
        "/organer/findes-ikke/pladser/",
        "/medlemskaber/999999/rediger/",
        "/medlemskaber/999999/stedfortraedere/ny/",
        "/stedfortraedere/999999/rediger/",
    ],
)
def test_unknown_records_are_404(world: ClusterWorld, url: str) -> None:
    assert editor_of(world.municipality).get(url).status_code == 404


# Members


def test_an_editor_adds_a_member(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    alderman = person_create(name="Rådmand Test", party=world.municipality)
    form = editor.get(add_member_url(world)).content.decode()
    assert "PLO Test" in form and 'hx-get="/vaelg/personer/"' in form  # the person is picked by search
    found = editor.get("/vaelg/personer/?q=rådmand", HTTP_HX_REQUEST="true").content.decode()
    assert f'data-pick="{alderman.pk}" data-pick-label="Rådmand Test (Test Kommune)"' in found

    response = editor.post(add_member_url(world), member_post(alderman, world, end="2025-12-31"))

    assert response.status_code == 302 and response["Location"] == body_url(world)
    membership = Membership.objects.get(person=alderman)
    assert (membership.body, membership.party, membership.role, membership.title) == (
        world.political,
        world.municipality,
        "member",
        "rådmand",
    )
    assert (membership.start, membership.end) == (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    assert "Medlemmet er tilføjet." in editor.get(body_url(world)).content.decode()


def test_over_filling_the_seats_is_refused_next_to_the_party(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    membership_create(
        person=person_create(name="Næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
    )
    third = person_create(name="Tredje")
    before = rows()

    response = editor.post(add_member_url(world), member_post(third, world))

    assert response.status_code == 422
    page = response.content.decode()
    assert field_errors(page, "party") == [FULL_MESSAGE]
    assert 'value="rådmand"' in page  # what the editor wrote is kept
    assert rows() == before


def test_bad_input_is_shown_in_danish_and_nothing_is_saved(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    other_party = build_cluster("Anden").municipality  # not a party of the world's cluster
    before = rows()

    response = editor.post(
        add_member_url(world),
        {"person": "999999", "party": str(other_party.pk), "role": "konge", "start": "31.02.2024"},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert field_errors(page, "person") == ["Vælg en af mulighederne på listen."]
    assert field_errors(page, "party") == ["Vælg en af mulighederne på listen."]
    assert field_errors(page, "role") == ["Vælg en af mulighederne på listen."]
    assert field_errors(page, "start") == ["Skriv datoen som dd.mm.åååå, fx 14.12.2023."]
    assert rows() == before


def test_an_empty_post_asks_for_the_required_fields(world: ClusterWorld) -> None:
    response = editor_of(world.municipality).post(add_member_url(world), {})

    assert response.status_code == 422
    page = response.content.decode()
    assert field_errors(page, "person") == ["Vælg en person."]
    assert field_errors(page, "start") == ["Skriv en dato."]


def test_an_editor_ends_a_membership_and_its_substitutes_end_with_it(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    form = editor.get(membership_url(world.mayor_membership)).content.decode()
    assert 'value="2022-07-01"' in form and 'name="seen_version"' in form

    response = editor.post(membership_url(world.mayor_membership), mayor_post(world, end="2024-06-30"))

    assert response.status_code == 302
    assert Membership.objects.get(pk=world.mayor_membership.pk).end == datetime.date(2024, 6, 30)
    assert deputy_of(world).end == datetime.date(2024, 6, 30)


def test_changing_a_membership_beyond_the_seats_is_refused_next_to_the_field(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    first = membership_create(
        person=person_create(name="Første næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 12, 31),
    )
    membership_create(
        person=person_create(name="Anden næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 1, 1),
    )
    before = rows()

    response = editor.post(
        membership_url(first),
        {"role": "member", "title": "", "start": "2022-07-01", "end": "2024-03-31", "seen_version": ""},
    )

    assert response.status_code == 422
    # The party is not on this form, so the refusal stands above it.
    assert FULL_MESSAGE in response.content.decode()
    assert rows() == before
    assert Membership.objects.get(pk=first.pk).end == datetime.date(2023, 12, 31)


def test_an_end_before_the_start_is_shown_next_to_the_end(world: ClusterWorld) -> None:
    response = editor_of(world.municipality).post(
        membership_url(world.mayor_membership), mayor_post(world, start="2023-01-01", end="2022-12-31")
    )

    assert response.status_code == 422
    assert field_errors(response.content.decode(), "end") == ["Slutdatoen ligger før startdatoen."]
    assert Membership.objects.get(pk=world.mayor_membership.pk).end is None


def test_a_stale_membership_save_is_refused_and_nothing_is_lost(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    stale = mayor_post(world, end="2024-06-30")
    # Meanwhile a colleague changes the title.
    editor_of(world.municipality, email="kollega@test.dk").post(
        membership_url(world.mayor_membership), mayor_post(world, title="sundhedsborgmester")
    )

    response = editor.post(membership_url(world.mayor_membership), stale)

    page = response.content.decode()
    assert response.status_code == 422
    assert "kollega@test.dk har gemt ændringer (titel i organet), mens du redigerede" in page
    assert 'value="2024-06-30"' in page  # the editor's own input is still in the form
    membership = Membership.objects.get(pk=world.mayor_membership.pk)
    assert (membership.title, membership.end) == ("sundhedsborgmester", None)
    # Saving again is now a deliberate choice over the newer copy.
    assert f'value="{record_version(membership)}"' in page


# Seats


def test_an_editor_sets_a_partys_seats(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    form = editor.get(seats_url(world)).content.decode()
    seen = seats_version(body=world.political)
    assert f'name="seen_version" value="{seen}"' in form

    response = editor.post(
        seats_url(world), {"party": world.general_practice.pk, "count": "2", "seen_version": seen}
    )

    assert response.status_code == 302
    assert Seat.objects.get(body=world.political, party=world.general_practice).count == 2


def test_the_seat_link_picks_the_party_beforehand(world: ClusterWorld) -> None:
    form = editor_of(world.municipality).get(f"{seats_url(world)}?part={world.municipality.pk}")

    page = form.content.decode()
    assert f'<option value="{world.municipality.pk}" selected>' in page
    assert 'name="count" value="2"' in page


@pytest.mark.parametrize("part", ["²", "99999999999999999999999", "x", "-1"])
def test_a_seat_link_to_no_party_shows_the_empty_form(world: ClusterWorld, part: str) -> None:
    form = editor_of(world.municipality).get(seats_url(world), {"part": part})

    assert form.status_code == 200
    page = form.content.decode()
    assert f'<option value="{world.municipality.pk}" selected>' not in page
    assert 'name="count" value="2"' not in page


def test_fewer_seats_than_filled_is_refused_next_to_the_count(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    membership_create(
        person=person_create(name="Næstformand"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2023, 1, 1),
    )
    before = rows()

    response = editor.post(
        seats_url(world),
        {"party": world.municipality.pk, "count": "1", "seen_version": seats_version(body=world.political)},
    )

    assert response.status_code == 422
    assert field_errors(response.content.decode(), "count") == [
        "Parten har 2 medlemmer på samme tid i organet; antallet kan ikke være lavere."
    ]
    assert rows() == before


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("0", "En part har mindst 1 plads i et organ."),
        ("to", "Skriv antallet som et helt tal."),
        ("", "Skriv antallet af pladser."),
    ],
)
def test_a_bad_count_is_shown_in_danish(world: ClusterWorld, count: str, message: str) -> None:
    before = rows()

    response = editor_of(world.municipality).post(
        seats_url(world), {"party": world.municipality.pk, "count": count}
    )

    assert response.status_code == 422
    assert field_errors(response.content.decode(), "count") == [message]
    assert rows() == before


def test_a_stale_seat_save_is_refused_and_nothing_is_lost(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    seen = seats_version(body=world.political)
    seat_set(body=world.political, party=world.municipality, count=4)

    response = editor.post(
        seats_url(world), {"party": world.municipality.pk, "count": "3", "seen_version": seen}
    )

    page = response.content.decode()
    assert response.status_code == 422 and "mens du redigerede" in page and "antal pladser" in page
    assert 'name="count" value="3"' in page
    assert f'name="seen_version" value="{seats_version(body=world.political)}"' in page
    assert Seat.objects.get(body=world.political, party=world.municipality).count == 4


# Substitutes


def test_an_editor_adds_a_substitute_with_topics_and_dates(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    alderman = person_create(name="Rådmand Test", party=world.municipality)
    form = editor.get(add_substitute_url(world.mayor_membership)).content.decode()
    assert "Forebyggelse" in form
    # The substitute is picked by search, which leaves out the member: nobody substitutes for themselves.
    search = f"/vaelg/personer/?uden={world.mayor.pk}"
    assert f'hx-get="{search}"' in form
    found = editor.get(f"{search}&q=test", HTTP_HX_REQUEST="true").content.decode()
    assert f'data-pick="{alderman.pk}"' in found and f'data-pick="{world.mayor.pk}"' not in found

    response = editor.post(
        add_substitute_url(world.mayor_membership),
        {
            "substitute": alderman.pk,
            "topics": [world.prevention_topic.pk, world.hospitals_topic.pk],
            "condition": "hvis det er mere relevant",
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
    )

    assert response.status_code == 302
    substitution = Substitution.objects.get(substitute=alderman)
    assert substitution.principal == world.mayor_membership
    assert set(substitution.topics.all()) == {world.prevention_topic, world.hospitals_topic}
    assert (substitution.start, substitution.end, substitution.condition) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
        "hvis det er mere relevant",
    )


def test_a_substitute_outside_the_membership_is_refused_next_to_the_field(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    alderman = person_create(name="Rådmand Test", party=world.municipality)
    before = rows()

    response = editor.post(
        add_substitute_url(world.mayor_membership),
        {"substitute": alderman.pk, "topics": [world.prevention_topic.pk], "start": "2022-01-01"},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert field_errors(page, "start") == [SUBSTITUTE_OUTSIDE]
    assert rows() == before


def test_an_editor_ends_a_substitute(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    deputy = deputy_of(world)
    form = editor.get(substitution_url(deputy)).content.decode()
    assert re.search(rf'value="{world.prevention_topic.pk}"[^>]*checked', form)

    response = editor.post(
        substitution_url(deputy),
        {
            "topics": [world.prevention_topic.pk],
            "condition": "",
            "start": "2022-07-01",
            "end": "2023-12-31",
            "seen_version": record_version(deputy),
        },
    )

    assert response.status_code == 302
    assert deputy_of(world).end == datetime.date(2023, 12, 31)


def test_a_substitute_beyond_an_ended_membership_is_refused(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    member = membership_create(
        person=person_create(name="Praktiserende læge"),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
    )
    substitution = substitution_create(
        principal=member,
        substitute=person_create(name="Stedfortrædende læge"),
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 6, 30),
    )
    before = rows()

    response = editor.post(
        substitution_url(substitution),
        {"start": "2023-01-01", "end": "", "seen_version": record_version(substitution)},
    )

    assert response.status_code == 422
    assert field_errors(response.content.decode(), "end") == [SUBSTITUTE_OUTSIDE]
    assert rows() == before


def test_a_stale_substitute_save_is_refused_and_nothing_is_lost(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    deputy = deputy_of(world)
    stale = {
        "topics": [world.hospitals_topic.pk],
        "condition": "",
        "start": "2022-07-01",
        "end": "2024-06-30",
        "seen_version": record_version(deputy),
    }
    editor_of(world.municipality, email="kollega@test.dk").post(
        substitution_url(deputy),
        {**stale, "topics": [world.prevention_topic.pk], "end": "", "condition": "kun ved afbud"},
    )

    response = editor.post(substitution_url(deputy), stale)

    page = response.content.decode()
    assert response.status_code == 422 and "mens du redigerede" in page and "betingelse" in page
    assert 'value="2024-06-30"' in page
    saved = deputy_of(world)
    assert (saved.condition, saved.end) == ("kun ved afbud", None)
    assert list(saved.topics.all()) == [world.prevention_topic]


# Queries


def grow(world: ClusterWorld) -> None:
    """Ten more clusters, and more members, substitutes and topics on the world's own pages."""
    for i in range(10):
        build_cluster(f"X{i}")
    topics: list[Topic] = [topic_create(name=f"Emne {i}") for i in range(5)]
    for i in range(3):
        member = membership_create(
            person=person_create(name=f"Læge {i}"),
            body=world.political,
            party=world.general_practice,
            role=MembershipRole.MEMBER,
            start=datetime.date(2023, 1, 1),
        )
        substitution_create(
            principal=member,
            substitute=person_create(name=f"Stedfortrædende læge {i}"),
            start=datetime.date(2023, 1, 1),
            topics=topics,
        )
    deputy_of(world).topics.add(*topics)


def test_the_pages_make_a_fixed_number_of_queries(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    urls = [body_url(world), f"{seats_url(world)}?part={world.municipality.pk}", *form_urls(world)]
    before = {url: queries_for(editor, url) for url in urls}

    grow(world)

    assert {url: queries_for(editor, url) for url in urls} == before
