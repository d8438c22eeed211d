"""Done when: an editor of a municipality outside the capital region sets up its committee, people and
members of a council body and a council meeting in the app, with no administrator, and drafts a memo to
that committee.

The reference data are made as `klynge reference import` makes them (the region, the municipality, the
health council with its parties); everything after that is done through the pages as Aarhus's editor.
"""

import datetime

import pytest

from klynge.bodies.models import Body, CollaborationKind, Membership, MembershipRole, Seat
from klynge.bodies.services import collaboration_create
from klynge.meetings.models import Meeting
from klynge.memos.models import Memo
from klynge.organisation.models import Committee, PartyKind, Person, Topic
from klynge.organisation.services import party_create, topic_create
from tests.clients import editor_of

pytestmark = pytest.mark.django_db


def test_aarhus_editor_sets_up_council_and_drafts_memo() -> None:
    midt = party_create(name="Region Midtjylland", kind=PartyKind.REGION)
    aarhus = party_create(name="Aarhus Kommune", kind=PartyKind.MUNICIPALITY, region=midt)
    council = collaboration_create(
        name="Sundhedsråd Aarhus",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=midt,
        parties=[midt, aarhus],
        valid_from=datetime.date(2026, 1, 1),
    )
    topic = Topic.objects.first() or topic_create(name="Forebyggelse")
    client = editor_of(aarhus, "sekretariat@aarhus.test")

    # The committee of Aarhus's own.
    response = client.post(
        "/udvalg/ny/",
        {"party": aarhus.pk, "name": "Sundheds- og Omsorgsudvalget", "code": "sou-aar", "topics": [topic.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    committee = Committee.objects.get(code="SOU-AAR")
    assert committee.party == aarhus and list(committee.topics.all()) == [topic]

    # The council's political body, its seats and a member of Aarhus.
    response = client.post(
        f"/samarbejder/{council.slug}/organer/ny/",
        {"level": "political", "name": "Sundhedsråd Aarhus, politisk niveau", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 302
    body = Body.objects.get(collaboration=council)
    response = client.post(
        "/personer/ny/", {"name": "Rådmand Aarhus", "party": aarhus.pk, "title": "Rådmand"}
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Rådmand Aarhus")
    assert client.post(f"/organer/{body.slug}/pladser/", {"party": aarhus.pk, "count": 2}).status_code == 302
    assert Seat.objects.get(body=body, party=aarhus).count == 2
    response = client.post(
        f"/organer/{body.slug}/medlemmer/ny/",
        {"person": person.pk, "party": aarhus.pk, "role": MembershipRole.CO_CHAIR, "start": "2026-01-01"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(body=body).person == person

    # A council meeting.
    response = client.post(
        "/moeder/ny/",
        {"body": body.pk, "date": "2026-12-10", "date_precision": "day", "status": "planned"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Meeting.objects.filter(body=body, date=datetime.date(2026, 12, 10)).exists()

    # Every change is in the record's history, on its page, with who made it.
    page = client.post(
        f"/personer/{person.slug}/rediger/",
        {
            "name": person.name,
            "party": aarhus.pk,
            "title": "Rådmand for Sundhed og Omsorg",
            "seen_version": "",
        },
    )
    assert page.status_code == 302
    for url in (person.get_absolute_url(), committee.get_absolute_url(), body.get_absolute_url()):
        history = client.get(url).content.decode().split("Ændringshistorik")[1]
        assert "sekretariat@aarhus.test" in history
    assert "Rådmand → Rådmand for Sundhed og Omsorg" in client.get(person.get_absolute_url()).content.decode()

    # A memo to the committee, drafted from the records.
    response = client.post("/notater/nyt/", {"committee": committee.pk, "kind": "orientation"})
    assert response.status_code == 302, response.content.decode()[:3000]
    memo = Memo.objects.get(committee=committee)
    assert "Sundhedsråd Aarhus" in client.get(f"/notater/{memo.pk}/").content.decode()
