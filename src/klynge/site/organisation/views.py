"""People, committees and parties."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from klynge.accounts.access import is_administrator
from klynge.bodies import commands
from klynge.bodies.access import (
    access_committee_edit,
    access_people_create,
    access_person_edit,
    editable_parties,
    ensure_party_records_create,
)
from klynge.bodies.selectors import party_detail as select_party
from klynge.bodies.selectors import person_detail as select_person
from klynge.bodies.selectors import person_list as select_people
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import agenda_items_by_topics
from klynge.memos.access import access_memo_draft, memos_visible_to
from klynge.memos.selectors import memo_list
from klynge.organisation.models import Committee, Person
from klynge.organisation.selectors import committee_detail as select_committee
from klynge.organisation.selectors import committee_list as select_committees
from klynge.organisation.selectors import committee_topics
from klynge.organisation.selectors import party_list as select_parties
from klynge.site.editing import command_page
from klynge.site.organisation.forms import CommitteeForm, PersonForm, committee_initial, person_initial
from klynge.site.pagination import page_of
from klynge.work.selectors import focus_areas_by_topics, initiatives_by_topics


def person_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisation/person_list.html",
        {
            "page": (page := page_of(request, select_people())),
            "people": page.object_list,
            "can_add": access_people_create(request.user),
        },
    )


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = select_person(slug=slug)
    if person is None:
        raise Http404("Personen findes ikke.")
    return render(
        request,
        "organisation/person_detail.html",
        {"person": person, "can_edit": access_person_edit(request.user, person)},
    )


def committee_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisation/committee_list.html",
        {
            "page": (page := page_of(request, select_committees())),
            "committees": page.object_list,
            "can_add": access_people_create(request.user),
        },
    )


# The committee page shows the newest few of each list about the committee, each with a link to the whole
# list on pages of its own (`committee_part`): ten years of memos, initiatives and agenda items on the
# committee's topics would otherwise all be on the page.
COMMITTEE_PREVIEW = 10


@dataclass(frozen=True)
class CommitteePart:
    heading: str
    template: str
    empty: str


COMMITTEE_PARTS = {
    "memos": CommitteePart(
        "Notater til udvalget",
        "organisation/includes/committee_memos.html",
        "Der er ingen notater til udvalget endnu.",
    ),
    "focus_areas": CommitteePart(
        "Relevante fokusområder",
        "organisation/includes/committee_focus_areas.html",
        "Ingen fokusområder deler emne med udvalget.",
    ),
    "initiatives": CommitteePart(
        "Relevante indsatser",
        "organisation/includes/committee_initiatives.html",
        "Ingen indsatser deler emne med udvalget.",
    ),
    "agenda_items": CommitteePart(
        "Relevante møder",
        "work/includes/agenda_item_list.html",
        "Ingen dagsordenspunkter deler emne med udvalget.",
    ),
}


def _committee_lists(request: HttpRequest, committee: Committee) -> dict[str, QuerySet[Any]]:
    """Every list about the committee, as far as the viewer may see it (not yet fetched)."""
    topics = committee_topics(committee=committee)
    visible = visible_agenda_items(request.user)
    return {
        "memos": memo_list(visible=memos_visible_to(request.user), committee=committee),
        "focus_areas": focus_areas_by_topics(topics=topics),
        "initiatives": initiatives_by_topics(topics=topics, visible=visible),
        "agenda_items": agenda_items_by_topics(topics=topics, visible=visible),
    }


def _committee(slug: str) -> Committee:
    committee = select_committee(slug=slug)
    if committee is None:
        raise Http404("Udvalget findes ikke.")
    return committee


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    context: dict[str, Any] = {
        "committee": committee,
        "can_draft_memo": access_memo_draft(request.user),
        "can_edit": access_committee_edit(request.user, committee),
    }
    for name, rows in _committee_lists(request, committee).items():
        first = list(rows[: COMMITTEE_PREVIEW + 1])
        context[name] = first[:COMMITTEE_PREVIEW]
        context[f"more_{name}"] = len(first) > COMMITTEE_PREVIEW
    return render(request, "organisation/committee_detail.html", context)


def committee_part(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    """One of the committee page's lists in full, a page at a time."""
    committee = _committee(slug)
    page = page_of(request, _committee_lists(request, committee)[part])
    return render(
        request,
        "organisation/committee_part.html",
        {"committee": committee, "part": COMMITTEE_PARTS[part], "page": page, "rows": page.object_list},
    )


def party_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_parties())
    return render(request, "organisation/party_list.html", {"page": page, "parties": page.object_list})


def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    party = select_party(slug=slug)
    if party is None:
        raise Http404("Parten findes ikke.")
    return render(request, "organisation/party_detail.html", {"party": party})


# Editing a party's people and committees: 404 for an unknown record, 403 (in Danish) for anyone who may
# not change the party's records, the form on GET, the command on a valid POST.


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def person_create_view(request: HttpRequest) -> HttpResponse:
    """Add a person to the editor's party (an administrator: to any party)."""
    ensure_party_records_create(request.user)
    form = PersonForm(
        _posted(request),
        parties=editable_parties(request.user),
        allow_no_party=is_administrator(request.user),
    )
    return command_page(
        request,
        form,
        lambda: commands.person_create(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success="Personen er oprettet.",
        done=lambda saved: saved.get_absolute_url(),
        heading="Ny person",
        cancel_url="/personer/",
        crumbs=("Personer", "organisation:person_list"),
        intro="Personen kan derefter gøres til medlem eller stedfortræder i et organ fra organets side.",
    )


def _person(pk_or_slug: str) -> Person:
    person = Person.objects.filter(slug=pk_or_slug).first()
    if person is None:
        raise Http404("Personen findes ikke.")
    return person


@login_required
@require_http_methods(["GET", "POST"])
def person_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a person's name, party or title."""
    person = commands.editable_person(actor=request.user, person_id=_person(slug).pk)
    form = PersonForm(
        _posted(request),
        initial=person_initial(person),
        parties=editable_parties(request.user),
        allow_no_party=is_administrator(request.user),
        person=person,
    )
    return command_page(
        request,
        form,
        lambda: commands.person_update(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success=f"{person.name} er gemt.",
        done=lambda saved: saved.get_absolute_url(),
        record=person,
        heading=f"Redigér person: {person.name}",
        cancel_url=person.get_absolute_url(),
        crumbs=("Personer", "organisation:person_list", person.name, person.get_absolute_url()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create_view(request: HttpRequest) -> HttpResponse:
    """Add a committee to the editor's party (an administrator: to any party)."""
    ensure_party_records_create(request.user)
    form = CommitteeForm(_posted(request), parties=editable_parties(request.user))
    return command_page(
        request,
        form,
        lambda: commands.committee_create(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success="Udvalget er oprettet.",
        done=lambda saved: saved.get_absolute_url(),
        heading="Nyt udvalg",
        cancel_url="/udvalg/",
        crumbs=("Udvalg", "organisation:committee_list"),
        intro="Udvalget modtager sekretariatets notater; dets emner afgør, hvad notaterne samler.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a committee's name, code, administration or topics."""
    found = Committee.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("Udvalget findes ikke.")
    committee = commands.editable_committee(actor=request.user, committee_id=found.pk)
    form = CommitteeForm(
        _posted(request),
        initial=committee_initial(committee),
        parties=editable_parties(request.user),
        committee=committee,
    )
    return command_page(
        request,
        form,
        lambda: commands.committee_update(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success=f"{committee.name} er gemt.",
        done=lambda saved: saved.get_absolute_url(),
        record=committee,
        heading=f"Redigér udvalg: {committee.name}",
        subheading=committee.party.name,
        cancel_url=committee.get_absolute_url(),
        crumbs=("Udvalg", "organisation:committee_list", committee.name, committee.get_absolute_url()),
    )
