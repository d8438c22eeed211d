"""Focus areas, initiatives, trial actions, follow-up research and funds: reading, and editing in the app.

Editing views are thin: check access (work/access.py) to show the form, let the Danish form build the
command (klynge.work.commands) and klynge.site.editing.save_form run it; the command checks again and
calls the service, which holds the rules."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from klynge.bodies.access import access_any_edit, access_collaboration_edit
from klynge.bodies.models import Collaboration
from klynge.meetings.access import visible_agenda_items
from klynge.site.editing import command_page, save_form
from klynge.site.pagination import other_parameters, page_of
from klynge.site.work.forms import (
    FocusAreaForm,
    FollowUpResearchForm,
    FundCreateForm,
    FundUpdateForm,
    InitiativeCreateForm,
    InitiativeFollowUpForm,
    InitiativeUpdateForm,
    TrialActionForm,
)
from klynge.work import commands, selectors
from klynge.work.access import (
    access_focus_area_edit,
    access_fund_edit,
    ensure_any_edit,
    ensure_focus_area_edit,
    ensure_fund_edit,
    ensure_initiative_edit,
    ensure_research_edit,
)
from klynge.work.models import FocusArea, Initiative
from klynge.work.selectors import focus_area_detail as select_focus_area
from klynge.work.selectors import (
    focus_area_for_edit,
    follow_up_research_for_edit,
    fund_for_edit,
    initiative_family,
    initiative_for_edit,
    initiative_roots,
    initiative_rows_for_focus_area,
    initiative_trees,
    trial_action_for_edit,
)
from klynge.work.selectors import focus_area_list as select_focus_areas
from klynge.work.selectors import initiative_detail as select_initiative


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def focus_area_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "work/focus_area_list.html",
        {
            "page": (
                page := page_of(request, select_focus_areas(visible=visible_agenda_items(request.user)))
            ),
            "focus_areas": page.object_list,
            "can_create": access_any_edit(request.user),
        },
    )


def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = select_focus_area(slug=slug, visible=visible_agenda_items(request.user))
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    return render(
        request,
        "work/focus_area_detail.html",
        {
            "focus_area": focus_area,
            "initiative_rows": initiative_rows_for_focus_area(focus_area=focus_area),
            "can_edit": access_focus_area_edit(request.user, focus_area),
        },
    )


INITIATIVES_PER_PAGE = 25  # top-level initiatives, each with everything below it


def initiative_list(request: HttpRequest) -> HttpResponse:
    collaboration = None
    if slug := request.GET.get("samarbejde"):
        collaboration = Collaboration.objects.filter(slug=slug[:80]).first()
        if collaboration is None:
            raise Http404("Samarbejdet findes ikke.")
    roots = initiative_roots(collaboration=collaboration)
    page = page_of(request, roots, per_page=INITIATIVES_PER_PAGE)
    return render(
        request,
        "work/initiative_list.html",
        {
            "groups": initiative_trees(roots=list(page.object_list)),
            "page": page,
            "page_query": other_parameters(request),
            "collaboration": collaboration,
            "can_create": access_any_edit(request.user),
        },
    )


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = select_initiative(slug=slug, visible=visible_agenda_items(request.user))
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    return render(
        request,
        "work/initiative_detail.html",
        {
            "initiative": initiative,
            "family": initiative_family(initiative=initiative),
            "can_edit": access_collaboration_edit(request.user, initiative.collaboration),
        },
    )


@login_required
def initiative_follow_up_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an initiative's status along its lifecycle and record its progress."""
    initiative = select_initiative(slug=slug, visible=visible_agenda_items(request.user))
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    ensure_initiative_edit(request.user, initiative)
    form = InitiativeFollowUpForm(_posted(request), initiative=initiative)
    saved = save_form(
        request,
        form,
        lambda data: commands.initiative_follow_up(actor=request.user, command=form.command()),
        success="Indsatsens status og fremdrift er gemt.",
        record=initiative,
    )
    if saved is not None:
        return redirect(initiative)
    return render(request, "work/initiative_follow_up.html", {"initiative": initiative, "form": form})


# ---------------------------------------------------------------------------------------------
# Editing focus areas


def _focus_area_crumbs(focus_area: FocusArea) -> tuple[str, ...]:
    return (
        "Fokusområder",
        "work:focus_area_list",
        focus_area.name,
        focus_area.get_absolute_url(),
    )


@login_required
def focus_area_create_view(request: HttpRequest) -> HttpResponse:
    ensure_any_edit(request.user)
    form = FocusAreaForm(_posted(request), user=request.user)
    return command_page(
        request,
        form,
        lambda: commands.focus_area_create(actor=request.user, command=form.create_command()),
        success="Fokusområdet er oprettet.",
        done=lambda saved: saved,
        heading="Opret fokusområde",
        cancel_url=reverse("work:focus_area_list"),
        crumbs=("Fokusområder", "work:focus_area_list"),
    )


@login_required
def focus_area_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = focus_area_for_edit(slug=slug)
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    ensure_focus_area_edit(request.user, focus_area)
    form = FocusAreaForm(_posted(request), user=request.user, focus_area=focus_area)
    return command_page(
        request,
        form,
        lambda: commands.focus_area_update(actor=request.user, command=form.command()),
        success="Fokusområdet er gemt.",
        record=focus_area,
        done=lambda saved: saved,
        heading="Redigér fokusområde",
        subheading=focus_area.name,
        cancel_url=focus_area.get_absolute_url(),
        crumbs=_focus_area_crumbs(focus_area),
    )


# ---------------------------------------------------------------------------------------------
# Editing initiatives (where an initiative stands is followed up on its own page)


@login_required
def initiative_create_view(request: HttpRequest) -> HttpResponse:
    ensure_any_edit(request.user)
    form = InitiativeCreateForm(_posted(request), user=request.user)
    return command_page(
        request,
        form,
        lambda: commands.initiative_create(actor=request.user, command=form.command()),
        success="Indsatsen er oprettet som foreslået. Den godkendes ved en beslutning i et politisk organ.",
        done=lambda saved: saved,
        heading="Opret indsats",
        intro="Indsatsen oprettes som foreslået og godkendes ved en beslutning i et politisk organ.",
        cancel_url=reverse("work:initiative_list"),
        crumbs=("Indsatser", "work:initiative_list"),
    )


@login_required
def initiative_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for_edit(slug=slug)
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    ensure_initiative_edit(request.user, initiative)
    form = InitiativeUpdateForm(_posted(request), user=request.user, initiative=initiative)
    return command_page(
        request,
        form,
        lambda: commands.initiative_update(actor=request.user, command=form.command()),
        success="Indsatsen er gemt.",
        record=initiative,
        done=lambda saved: saved,
        heading="Redigér indsats",
        subheading=f"{initiative.name} · {initiative.collaboration.name}",
        cancel_url=initiative.get_absolute_url(),
        crumbs=_initiative_crumbs(initiative),
    )


def _initiative_crumbs(initiative: Initiative) -> tuple[str, ...]:
    return (
        "Indsatser",
        "work:initiative_list",
        initiative.name,
        initiative.get_absolute_url(),
    )


# ---------------------------------------------------------------------------------------------
# Editing trial actions


@login_required
def trial_action_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = focus_area_for_edit(slug=slug)
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    ensure_focus_area_edit(request.user, focus_area)
    form = TrialActionForm(_posted(request), user=request.user, focus_area=focus_area)
    return command_page(
        request,
        form,
        lambda: commands.trial_action_create(actor=request.user, command=form.create_command()),
        success="Prøvehandlingen er tilføjet.",
        done=lambda saved: focus_area.get_absolute_url() + "#proevehandlinger",
        heading="Tilføj prøvehandling",
        subheading=focus_area.name,
        intro="Prøvehandlingen får næste ledige nummer under fokusområdet.",
        cancel_url=focus_area.get_absolute_url(),
        crumbs=_focus_area_crumbs(focus_area),
    )


@login_required
def trial_action_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    trial_action = trial_action_for_edit(pk=pk)
    if trial_action is None:
        raise Http404("Prøvehandlingen findes ikke.")
    focus_area = trial_action.focus_area
    ensure_focus_area_edit(request.user, focus_area)
    form = TrialActionForm(
        _posted(request), user=request.user, focus_area=focus_area, trial_action=trial_action
    )
    return command_page(
        request,
        form,
        lambda: commands.trial_action_update(actor=request.user, command=form.command()),
        success="Prøvehandlingen er gemt.",
        record=trial_action,
        done=lambda saved: focus_area.get_absolute_url() + "#proevehandlinger",
        heading=f"Redigér prøvehandling {trial_action.position}",
        subheading=focus_area.name,
        cancel_url=focus_area.get_absolute_url(),
        crumbs=_focus_area_crumbs(focus_area),
    )


# ---------------------------------------------------------------------------------------------
# Editing follow-up research


def _research_create(
    request: HttpRequest, *, focus_area: FocusArea | None, initiative: Initiative | None
) -> HttpResponse:
    form = FollowUpResearchForm(_posted(request))
    if initiative is not None:
        back = initiative.get_absolute_url()
        subject, crumbs = initiative.name, _initiative_crumbs(initiative)
    else:
        assert focus_area is not None
        back = focus_area.get_absolute_url()
        subject, crumbs = focus_area.name, _focus_area_crumbs(focus_area)
    return command_page(
        request,
        form,
        lambda: commands.follow_up_research_create(
            actor=request.user, command=form.create_command(focus_area=focus_area, initiative=initiative)
        ),
        success="Følgeforskningen er tilføjet.",
        done=lambda saved: back + "#foelgeforskning",
        heading="Tilføj følgeforskning",
        subheading=subject,
        cancel_url=back,
        crumbs=crumbs,
    )


@login_required
def focus_area_research_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = focus_area_for_edit(slug=slug)
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    ensure_focus_area_edit(request.user, focus_area)
    return _research_create(request, focus_area=focus_area, initiative=None)


@login_required
def initiative_research_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for_edit(slug=slug)
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    ensure_initiative_edit(request.user, initiative)
    return _research_create(request, focus_area=None, initiative=initiative)


@login_required
def research_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    research = follow_up_research_for_edit(pk=pk)
    if research is None:
        raise Http404("Følgeforskningen findes ikke.")
    ensure_research_edit(request.user, research)
    form = FollowUpResearchForm(_posted(request), research=research)
    if research.initiative is not None:
        back = research.initiative.get_absolute_url()
        crumbs = _initiative_crumbs(research.initiative)
    else:
        assert research.focus_area is not None
        back = research.focus_area.get_absolute_url()
        crumbs = _focus_area_crumbs(research.focus_area)
    return command_page(
        request,
        form,
        lambda: commands.follow_up_research_update(actor=request.user, command=form.command()),
        success="Følgeforskningen er gemt.",
        record=research,
        done=lambda saved: back + "#foelgeforskning",
        heading="Redigér følgeforskning",
        subheading=research.title,
        cancel_url=back,
        crumbs=crumbs,
    )


# ---------------------------------------------------------------------------------------------
# Funds


def fund_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "work/fund_list.html",
        {
            "page": (
                page := page_of(request, selectors.fund_list(visible=visible_agenda_items(request.user)))
            ),
            "funds": page.object_list,
            "can_create": access_any_edit(request.user),
        },
    )


def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.fund_detail(pk=pk, visible=visible_agenda_items(request.user))
    if fund is None:
        raise Http404("Puljen findes ikke.")
    return render(
        request,
        "work/fund_detail.html",
        {"fund": fund, "can_edit": access_fund_edit(request.user, fund)},
    )


@login_required
def fund_create_view(request: HttpRequest) -> HttpResponse:
    ensure_any_edit(request.user)
    form = FundCreateForm(_posted(request), user=request.user)
    return command_page(
        request,
        form,
        lambda: commands.fund_create(actor=request.user, command=form.command()),
        success="Puljen er oprettet.",
        done=lambda saved: saved,
        heading="Opret pulje",
        intro="Bevillinger fra puljen registreres sammen med de beslutninger, der træffer dem.",
        cancel_url=reverse("work:fund_list"),
        crumbs=("Puljer", "work:fund_list"),
    )


@login_required
def fund_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    fund = fund_for_edit(pk=pk)
    if fund is None:
        raise Http404("Puljen findes ikke.")
    ensure_fund_edit(request.user, fund)
    form = FundUpdateForm(_posted(request), fund=fund)
    return command_page(
        request,
        form,
        lambda: commands.fund_update(actor=request.user, command=form.command()),
        success="Puljen er gemt.",
        record=fund,
        done=lambda saved: saved,
        heading="Redigér pulje",
        subheading=f"{fund.name} · {fund.body.name} · {fund.year}",
        cancel_url=fund.get_absolute_url(),
        crumbs=("Puljer", "work:fund_list", fund.name, fund.get_absolute_url()),
    )
