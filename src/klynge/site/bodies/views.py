"""Collaborations (clusters, SSU, forum, secretariat, health councils) and their bodies."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from klynge.bodies import commands
from klynge.bodies.access import access_structure_edit
from klynge.bodies.models import Body, Collaboration, Membership
from klynge.bodies.selectors import body_detail as select_body
from klynge.bodies.selectors import body_for_edit, catchment_rules_current_for_collaboration
from klynge.bodies.selectors import collaboration_detail as select_collaboration
from klynge.bodies.selectors import collaboration_list as select_collaborations
from klynge.bodies.services import seats_version
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.selectors import meetings_for_body, meetings_recent, meetings_upcoming
from klynge.site.bodies.forms import (
    BodyForm,
    MembershipCreateForm,
    MembershipUpdateForm,
    SeatForm,
    SubstitutionCreateForm,
    SubstitutionUpdateForm,
    body_initial,
    membership_initial,
    seat_initial,
    substitution_initial,
)
from klynge.site.editing import command_page, edit_page, save_form
from klynge.site.pagination import page_of
from klynge.work.selectors import (
    focus_areas_for_collaboration,
    funds_for_body,
    funds_for_collaboration,
    initiatives_recent_for_collaboration,
)

# The collaboration's page shows the recent and the coming, and links to the full (paged) lists.
RECENT_INITIATIVES = 10  # top-level initiatives, newest first, each with what lies below it
RECENT_MEETINGS = 5  # the next and the last meetings


def collaboration_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_collaborations())
    return render(
        request, "bodies/collaboration_list.html", {"page": page, "collaborations": page.object_list}
    )


def collaboration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    collaboration = select_collaboration(slug=slug, day=today)
    if collaboration is None:
        raise Http404("Samarbejdet findes ikke.")
    visible = visible_agenda_items(request.user)
    return render(
        request,
        "bodies/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "catchment_rules": catchment_rules_current_for_collaboration(
                collaboration=collaboration, day=today
            ),
            "focus_areas": focus_areas_for_collaboration(collaboration=collaboration, visible=visible),
            "initiatives": initiatives_recent_for_collaboration(
                collaboration=collaboration, limit=RECENT_INITIATIVES
            ),
            "funds": funds_for_collaboration(collaboration=collaboration, visible=visible),
            "upcoming": meetings_upcoming(
                day=today, limit=RECENT_MEETINGS, collaboration=collaboration, visible=visible
            ),
            "recent": meetings_recent(
                day=today, limit=RECENT_MEETINGS, collaboration=collaboration, visible=visible
            ),
            "today": today,
            "can_edit_structure": access_structure_edit(request.user, collaboration),
        },
    )


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    body = select_body(slug=slug, day=today)
    if body is None:
        raise Http404("Organet findes ikke.")
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "funds": funds_for_body(body=body, visible=visible_agenda_items(request.user)),
            "meetings_page": (
                meetings := page_of(
                    request, meetings_for_body(body=body, visible=visible_agenda_items(request.user))
                )
            ),
            "meetings": meetings.object_list,
            "today": today,
            "can_edit": access_structure_edit(request.user, body.collaboration),
        },
    )


# Editing a body's composition. Every view: 404 for an unknown record, 403 (in Danish) for anyone who may
# not change the collaboration's records, the form on GET, the command on a valid POST.


def _body_url(body: Body) -> str:
    return body.get_absolute_url()


def _crumbs(body: Body) -> tuple[str, ...]:
    collaboration = body.collaboration
    return (
        "Klynger",
        "bodies:collaboration_list",
        collaboration.name,
        collaboration.get_absolute_url(),
        body.name,
        _body_url(body),
    )


def _editable_body(request: HttpRequest, slug: str) -> Body:
    body = body_for_edit(slug=slug)
    if body is None:
        raise Http404("Organet findes ikke.")
    return commands.editable_body(actor=request.user, body_id=body.pk)


def _editable_membership(request: HttpRequest, pk: int) -> Membership:
    return commands.editable_membership(actor=request.user, membership_id=pk)


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def membership_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a member to a body."""
    body = _editable_body(request, slug)
    form = MembershipCreateForm(_posted(request), body=body)
    return command_page(
        request,
        form,
        lambda: commands.membership_create(actor=request.user, command=form.command()),
        success="Medlemmet er tilføjet.",
        done=lambda _saved: _body_url(body),
        heading="Tilføj medlem",
        subheading=body.name,
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a member's role, title or period, fx end the membership when the member leaves."""
    membership = _editable_membership(request, pk)
    body = membership.body
    form = MembershipUpdateForm(
        _posted(request), initial=membership_initial(membership), membership=membership
    )
    return command_page(
        request,
        form,
        lambda: commands.membership_update(actor=request.user, command=form.command()),
        success=f"Medlemskabet for {membership.person.name} er gemt.",
        done=lambda _saved: _body_url(body),
        record=membership,
        heading=f"Redigér medlemskab: {membership.person.name}",
        subheading=f"{body.name} · repræsenterer {membership.party.name}",
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_set_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Set how many seats a party holds in a body (?part=<id> picks the party beforehand)."""
    body = _editable_body(request, slug)
    chosen = request.GET.get("part", "")
    # Only a plain number that fits every database's integers can be one of the body's parties.
    picked = request.method == "GET" and chosen.isascii() and chosen.isdigit() and len(chosen) < 16
    party_id = int(chosen) if picked else None
    form = SeatForm(_posted(request), initial=seat_initial(body, party_id), body=body)
    saved = save_form(
        request,
        form,
        save=lambda data: commands.seat_set(actor=request.user, command=form.command()),
        success="Pladserne er gemt.",
    )
    if saved is not None:
        return redirect(_body_url(body))
    if request.method == "POST" and form.non_field_errors():
        # After a refusal, the seats as they are now are the ones the editor has seen.
        data = request.POST.copy()
        data["seen_version"] = str(seats_version(body=body))
        form.data = data
    return edit_page(
        request,
        form,
        heading="Angiv pladser",
        subheading=body.name,
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
        intro="Angiv, hvor mange pladser en part har i organet. Antallet kan ikke være lavere end "
        "det antal medlemmer, parten har i organet på samme tid.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def substitution_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a substitute for a member, with the topics and the period they may attend for."""
    membership = _editable_membership(request, pk)
    body = membership.body
    form = SubstitutionCreateForm(_posted(request), principal=membership)
    return command_page(
        request,
        form,
        lambda: commands.substitution_create(actor=request.user, command=form.command()),
        success=f"Stedfortræderen for {membership.person.name} er tilføjet.",
        done=lambda _saved: _body_url(body),
        heading=f"Tilføj stedfortræder for {membership.person.name}",
        subheading=body.name,
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
    )


@login_required
@require_http_methods(["GET", "POST"])
def substitution_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a substitute's topics, condition or period, fx end the arrangement."""
    substitution = commands.editable_substitution(actor=request.user, substitution_id=pk)
    membership = substitution.principal
    body = membership.body
    form = SubstitutionUpdateForm(
        _posted(request), initial=substitution_initial(substitution), substitution=substitution
    )
    return command_page(
        request,
        form,
        lambda: commands.substitution_update(actor=request.user, command=form.command()),
        success=f"Stedfortræderen {substitution.substitute.name} er gemt.",
        done=lambda _saved: _body_url(body),
        record=substitution,
        heading=f"Redigér stedfortræder: {substitution.substitute.name}",
        subheading=f"{body.name} · i stedet for {membership.person.name}",
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a body (one per level) to a collaboration."""
    found = Collaboration.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("Samarbejdet findes ikke.")
    collaboration = commands.editable_collaboration(actor=request.user, collaboration_id=found.pk)
    form = BodyForm(_posted(request), collaboration=collaboration)
    return command_page(
        request,
        form,
        lambda: commands.body_create(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success="Organet er oprettet.",
        done=lambda saved: _body_url(saved),
        heading="Tilføj organ",
        subheading=collaboration.name,
        cancel_url=collaboration.get_absolute_url(),
        crumbs=("Klynger", "bodies:collaboration_list", collaboration.name, collaboration.get_absolute_url()),
        intro="Et samarbejde har ét organ på hvert niveau. Organets periode ligger inden for samarbejdets.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a body's level, name, description or period."""
    body = _editable_body(request, slug)
    form = BodyForm(_posted(request), initial=body_initial(body), collaboration=body.collaboration, body=body)
    return command_page(
        request,
        form,
        lambda: commands.body_update(actor=request.user, command=form.command()),  # type: ignore[arg-type]
        success="Organet er gemt.",
        done=lambda saved: _body_url(saved),
        record=body,
        heading=f"Redigér organ: {body.name}",
        subheading=body.collaboration.name,
        cancel_url=_body_url(body),
        crumbs=_crumbs(body),
    )
