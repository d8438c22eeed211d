"""People, committees and parties."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klynge.bodies.selectors import party_detail as select_party
from klynge.bodies.selectors import person_detail as select_person
from klynge.bodies.selectors import person_list as select_people
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import agenda_items_by_topics
from klynge.memos.access import access_memo_draft, memos_visible_to
from klynge.memos.selectors import memo_list
from klynge.organisation.selectors import committee_detail as select_committee
from klynge.organisation.selectors import committee_list as select_committees
from klynge.organisation.selectors import committee_topics
from klynge.organisation.selectors import party_list as select_parties
from klynge.site.pagination import page_of
from klynge.work.selectors import focus_areas_by_topics, initiatives_by_topics


def person_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_people())
    return render(request, "organisation/person_list.html", {"page": page, "people": page.object_list})


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = select_person(slug=slug)
    if person is None:
        raise Http404("Personen findes ikke.")
    return render(request, "organisation/person_detail.html", {"person": person})


def committee_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_committees())
    return render(request, "organisation/committee_list.html", {"page": page, "committees": page.object_list})


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = select_committee(slug=slug)
    if committee is None:
        raise Http404("Udvalget findes ikke.")
    topics = committee_topics(committee=committee)
    return render(
        request,
        "organisation/committee_detail.html",
        {
            "committee": committee,
            "focus_areas": focus_areas_by_topics(topics=topics),
            "initiatives": initiatives_by_topics(topics=topics),
            "agenda_items": agenda_items_by_topics(topics=topics, visible=visible_agenda_items(request.user)),
            "memos": memo_list(visible=memos_visible_to(request.user), committee=committee),
            "can_draft_memo": access_memo_draft(request.user),
        },
    )


def party_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_parties())
    return render(request, "organisation/party_list.html", {"page": page, "parties": page.object_list})


def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    party = select_party(slug=slug)
    if party is None:
        raise Http404("Parten findes ikke.")
    return render(request, "organisation/party_detail.html", {"party": party})
