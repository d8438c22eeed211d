"""Local health plans (nærsundhedsplaner): the list, a plan with its goals and their initiatives, and
writing them (the council's editors)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from klynge.bodies.access import access_collaboration_edit
from klynge.healthplans import commands, selectors
from klynge.healthplans.access import councils_to_plan_for, ensure_plan_create, ensure_plan_edit
from klynge.healthplans.models import HealthPlanGoal, LocalHealthPlan
from klynge.site.editing import command_page
from klynge.site.healthplans.forms import (
    HealthPlanGoalForm,
    LocalHealthPlanCreateForm,
    LocalHealthPlanUpdateForm,
)
from klynge.site.pagination import page_of

PAGE_SIZE = 25
MAX_PK = 2**63 - 1
CRUMBS = ("Nærsundhedsplaner", "healthplans:plan_list")


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def plan_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.local_health_plans(), per_page=PAGE_SIZE)
    return render(
        request,
        "healthplans/plan_list.html",
        {"page": page, "can_create": councils_to_plan_for(request.user).exists()},
    )


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = selectors.local_health_plan_in_full(slug=slug)
    if plan is None:
        raise Http404("Nærsundhedsplanen findes ikke.")
    return render(
        request,
        "healthplans/plan_detail.html",
        {"plan": plan, "can_edit": access_collaboration_edit(request.user, plan.council)},
    )


def _plan_for_edit(request: HttpRequest, slug: str) -> LocalHealthPlan:
    plan = selectors.plans_for_edit().filter(slug=slug).first()
    if plan is None:
        raise Http404("Nærsundhedsplanen findes ikke.")
    ensure_plan_edit(request.user, plan)
    return plan


def _goal_for_edit(request: HttpRequest, pk: int) -> HealthPlanGoal:
    goal = selectors.goals_for_edit().filter(pk=pk).first() if pk <= MAX_PK else None
    if goal is None:
        raise Http404("Målet findes ikke.")
    ensure_plan_edit(request.user, goal.plan)
    return goal


@login_required
def plan_create_view(request: HttpRequest) -> HttpResponse:
    ensure_plan_create(request.user)
    form = LocalHealthPlanCreateForm(_posted(request), user=request.user)
    return command_page(
        request,
        form,
        lambda: commands.local_health_plan_create(actor=request.user, command=form.command()),
        success="Nærsundhedsplanen er oprettet.",
        done=lambda saved: saved,
        heading="Opret nærsundhedsplan",
        intro="Et sundhedsråds plan for det nære sundhedsvæsen i rådets område, med mål og indsatser.",
        cancel_url=reverse("healthplans:plan_list"),
        crumbs=CRUMBS,
    )


@login_required
def plan_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan_for_edit(request, slug)
    form = LocalHealthPlanUpdateForm(_posted(request), plan=plan)
    return command_page(
        request,
        form,
        lambda: commands.local_health_plan_update(actor=request.user, command=form.command()),
        success="Nærsundhedsplanen er gemt.",
        done=lambda saved: saved,
        record=plan,
        heading="Redigér nærsundhedsplan",
        subheading=plan.name,
        cancel_url=plan.get_absolute_url(),
        crumbs=(*CRUMBS, plan.name, plan.get_absolute_url()),
    )


@login_required
def goal_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan_for_edit(request, slug)
    form = HealthPlanGoalForm(_posted(request), plan=plan)
    return command_page(
        request,
        form,
        lambda: commands.health_plan_goal_create(actor=request.user, command=form.create_command()),
        success="Målet er tilføjet.",
        done=lambda saved: plan.get_absolute_url() + f"#maal-{saved.pk}",
        heading="Tilføj mål",
        subheading=plan.name,
        cancel_url=plan.get_absolute_url(),
        crumbs=(*CRUMBS, plan.name, plan.get_absolute_url()),
    )


@login_required
def goal_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for_edit(request, pk)
    plan = goal.plan
    form = HealthPlanGoalForm(_posted(request), plan=plan, goal=goal)
    return command_page(
        request,
        form,
        lambda: commands.health_plan_goal_update(actor=request.user, command=form.change_command()),
        success="Målet er gemt.",
        done=lambda _saved: plan.get_absolute_url() + f"#maal-{goal.pk}",
        record=goal,
        heading="Redigér mål",
        subheading=plan.name,
        cancel_url=plan.get_absolute_url(),
        crumbs=(*CRUMBS, plan.name, plan.get_absolute_url()),
    )


@login_required
@require_POST
def goal_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal_for_edit(request, pk)
    try:
        plan = commands.health_plan_goal_remove(
            actor=request.user, command=commands.HealthPlanGoalRemove(goal_id=goal.pk)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(goal.plan.get_absolute_url())
    messages.success(request, f"Målet »{goal.title}« er fjernet.")
    return redirect(plan.get_absolute_url())
