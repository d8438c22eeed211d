"""The reform's pages: the transition overview, a cluster's plan (review, save, carry over) and the
coordination view of a municipality in several clusters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from klynge.bodies.access import ensure_collaboration_edit
from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.organisation.models import Party, PartyKind
from klynge.reform import commands
from klynge.reform.selectors import (
    REFORM_DATE,
    cluster_proposals,
    coordination_for,
    editable_among,
    health_councils,
    plan_for,
    plan_history,
    transition_progress,
)
from klynge.site.forms import add_service_errors
from klynge.site.reform.forms import PlanForm

CLUSTERS_PER_PAGE = 25


def overview(request: HttpRequest) -> HttpResponse:
    """Public: every cluster that ends, how far its carry-over to the health councils has come (counted in
    the database), and the councils that take over; the plans themselves are the secretariats' (linked for
    those who may change them)."""
    # A page number that is not one shows the first or last page (Paginator.get_page), never an error.
    page = Paginator(transition_progress(), CLUSTERS_PER_PAGE).get_page(request.GET.get("side"))
    clusters = list(page.object_list)
    prefetch_related_objects(clusters, "parties")
    editable = editable_among(request.user, clusters)
    return render(
        request,
        "reform/overview.html",
        {
            "clusters": [
                (c, c.pk in editable, [p for p in c.parties.all() if p.kind == PartyKind.MUNICIPALITY])
                for c in clusters
            ],
            "page": page,
            "councils": list(health_councils()),
            "reform_date": REFORM_DATE,
        },
    )


def _cluster(slug: str) -> Collaboration:
    return get_object_or_404(Collaboration, slug=slug, kind=CollaborationKind.CLUSTER)


@login_required
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(slug)
    ensure_collaboration_edit(request.user, cluster)
    councils = list(health_councils())
    proposals = cluster_proposals(cluster)
    current = plan_for(cluster)
    form = PlanForm(request.POST or None, proposals=proposals, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            commands.transition_plan_save(actor=request.user, command=form.command(cluster))
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Planen er gemt. Gennemgå den, og overfør, når den er godkendt.")
            return redirect("reform:plan", slug=cluster.slug)
    return render(
        request,
        "reform/plan.html",
        {
            "cluster": cluster,
            "form": form,
            "councils": councils,
            "plan": current,
            "history": plan_history(current),
            "complete": all(p.entry is not None for p in proposals),
        },
    )


def _attach(form: PlanForm, error: ValidationError) -> None:
    """Errors keyed by a record ("fa-3") go next to its note; the rest above the form."""
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            field = f"{key}-note"
            form.add_error(field if field in form.fields else None, errors)
    else:
        add_service_errors(form, error)


@login_required
@require_POST
def transfer(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _cluster(slug)
    ensure_collaboration_edit(request.user, cluster)
    try:
        created = commands.transition_plan_transfer(
            actor=request.user, command=commands.TransitionPlanTransfer(cluster_id=cluster.pk)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(request, f"{len(created)} poster er videreført til sundhedsrådene.")
        else:
            messages.info(request, "Alt i planen er allerede videreført; intet nyt er oprettet.")
    return redirect("reform:plan", slug=cluster.slug)


def coordination(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Party, slug=slug, kind=PartyKind.MUNICIPALITY)
    return render(
        request,
        "reform/coordination.html",
        {"view": coordination_for(municipality, request.user)},
    )
