"""Memo pages: list, draft from the records, preview, edit, finalise, new version, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from klynge.meetings.models import AgendaItem
from klynge.memos import commands
from klynge.memos.access import (
    access_memo_draft,
    access_memo_edit,
    access_memo_template_edit,
    access_memo_view,
    committees_for_drafting,
    ensure_referral_write,
    memo_template_parties,
    memos_visible_to,
    referrals_visible_to,
)
from klynge.memos.documents import FORMATS, memo_document, memo_file
from klynge.memos.models import Memo
from klynge.memos.rendering.html import render_html_fragment
from klynge.memos.selectors import (
    committees_for_memos,
    drafted_pending_referrals,
    parties_with_committees,
    pending_referrals,
    referral_committees,
)
from klynge.memos.selectors import memo_list as select_memos
from klynge.memos.services import FINAL_MEMO_IS_LOCKED
from klynge.memos.wordtemplates.build import DEFAULT_TEMPLATE
from klynge.site.editing import edit_page, save_form
from klynge.site.memos.forms import MemoDraftForm, MemoEditForm, MemoTemplateForm, ReferralForm, memo_initial
from klynge.site.memos.referrals import item_referrals_context
from klynge.site.pagination import page_of


def _memo_or_404(request: HttpRequest, pk: int) -> Memo:
    return commands.visible_memo(request.user, pk)


def memo_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_memos(visible=memos_visible_to(request.user)))
    can_draft = access_memo_draft(request.user)
    # The items flagged for the committees the user writes to, until a final memo has included them.
    referrals = (
        list(
            pending_referrals(
                visible=referrals_visible_to(request.user),
                committees=committees_for_drafting(request.user, committees_for_memos()),
            ).order_by("committee__name", "agenda_item__meeting__date", "agenda_item__position", "pk")
        )
        if can_draft
        else []
    )
    return render(
        request,
        "memos/memo_list.html",
        {
            "page": page,
            "memos": page.object_list,
            "can_draft": can_draft,
            "pending_referrals": referrals,
            # The parties whose Word template and logo the user may set (their own; all for administrators).
            "template_parties": list(memo_template_parties(request.user, parties_with_committees()))
            if can_draft
            else [],
        },
    )


@login_required
def memo_new(request: HttpRequest) -> HttpResponse:
    if not access_memo_draft(request.user):
        raise PermissionDenied(commands.MAY_NOT_DRAFT)
    form = MemoDraftForm(
        request.POST or None,
        initial={"committee": request.GET.get("udvalg")},
        committees=committees_for_drafting(request.user, committees_for_memos()),
    )
    memo = save_form(
        request,
        form,
        lambda _: commands.memo_draft(actor=request.user, command=form.command()),
        success="Notatet er udkastet ud fra registreringerne. Gennemse og ret teksten.",
    )
    if memo is not None:
        return redirect("memos:memo_detail", pk=memo.pk)
    return render(request, "memos/memo_new.html", {"form": form})


def _linked_memos(request: HttpRequest, memo: Memo) -> dict[str, object]:
    """The closed memo a public version was made from, and a closed memo's public versions, as far as
    the viewer may see them (a public version never names what its closed original held)."""
    original = memo.public_version_of
    return {
        "closed_original": original if original and access_memo_view(request.user, original) else None,
        "public_versions": [m for m in memo.public_versions.all() if access_memo_view(request.user, m)],
    }


def memo_detail(request: HttpRequest, pk: int) -> HttpResponse:
    memo = _memo_or_404(request, pk)
    can_edit = access_memo_edit(request.user, memo)
    return render(
        request,
        "memos/memo_detail.html",
        {
            "memo": memo,
            "preview": render_html_fragment(memo_document(memo)),
            "formats": sorted(FORMATS),
            "can_edit": can_edit,
            "closed_items": list(memo.closed_items.all()),
            "drafted_referrals": drafted_pending_referrals(memo=memo)
            if can_edit and not memo.is_final
            else [],
            **_linked_memos(request, memo),
        },
    )


@login_required
def memo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    memo = _editable_memo_or_404(request, pk)
    if memo.is_final:
        messages.error(request, FINAL_MEMO_IS_LOCKED)
        return redirect("memos:memo_detail", pk=memo.pk)
    form = MemoEditForm(request.POST or None, initial=memo_initial(memo))
    saved = save_form(
        request,
        form,
        lambda _: commands.memo_change(actor=request.user, command=form.command(memo)),
        success="Ændringerne er gemt.",
        record=memo,
    )
    if saved is not None:
        return redirect("memos:memo_detail", pk=memo.pk)
    return render(request, "memos/memo_edit.html", {"memo": memo, "form": form})


def _editable_memo_or_404(request: HttpRequest, pk: int) -> Memo:
    return commands.writable_memo(request.user, pk)


def _post_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    memo = _editable_memo_or_404(request, pk)
    try:
        if action == "finalise":
            closed = bool(memo.closed_items.all())
            memo = commands.memo_finalise(actor=request.user, command=commands.MemoFinalise(memo_id=pk))
            messages.success(
                request,
                "Notatet er nu endeligt og låst. Det er et lukket notat, som kun kan ses af dem, der må "
                "læse de lukkede punkter."
                if closed
                else "Notatet er nu endeligt og låst. Det kan ses af alle.",
            )
        elif action == "public_version":
            memo = commands.memo_public_version(
                actor=request.user, command=commands.MemoPublicVersion(memo_id=pk)
            )
            messages.success(
                request,
                "Den offentlige version er oprettet som kladde uden de lukkede passager. Gennemse den, før "
                "den gøres endelig.",
            )
        else:
            memo = commands.memo_new_version(actor=request.user, command=commands.MemoNewVersion(memo_id=pk))
            messages.success(request, f"Version {memo.version} er oprettet som kladde.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("memos:memo_detail", pk=memo.pk)


@login_required
def memo_finalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Finalising asks first, and says who will be able to read the memo: everyone, or — for a closed
    memo — only those who may read each of its closed items."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _post_action(request, pk, "finalise")
    memo = _editable_memo_or_404(request, pk)
    if memo.is_final:
        messages.error(request, "Notatet er allerede endeligt.")
        return redirect("memos:memo_detail", pk=memo.pk)
    return render(
        request,
        "memos/memo_finalise.html",
        {
            "memo": memo,
            "closed_items": list(memo.closed_items.all()),
            "drafted_referrals": drafted_pending_referrals(memo=memo),
            **_linked_memos(request, memo),
        },
    )


@login_required
@require_POST
def memo_public_version_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, "public_version")


@login_required
@require_POST
def memo_new_version_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, "new_version")


def memo_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404("Formatet findes ikke.")
    memo = _memo_or_404(request, pk)
    content, content_type, filename = memo_file(memo, file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# ---- Items flagged for a committee (til orientering), from the meeting page --------------------------


def _item_block(request: HttpRequest, item: AgendaItem, form: ReferralForm | None = None) -> HttpResponse:
    """The item's "til orientering" block, as the meeting page shows it (the answer to an HTMX post)."""
    context = item_referrals_context(request, item, form=form)
    return render(request, "memos/includes/item_referrals.html", context)


@login_required
def referral_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an agenda item (or a decision on it) for a committee: a small form on the meeting page,
    posted with HTMX (the block is answered), or this page without JavaScript."""
    item = commands.visible_item(request.user, pk)
    meeting = item.meeting
    ensure_referral_write(request.user, meeting)
    form = ReferralForm(request.POST or None, item=item, committees=referral_committees(meeting=meeting))
    referral = save_form(
        request,
        form,
        lambda _: commands.referral_create(actor=request.user, command=form.command()),
        success="Punktet er sat til orientering for udvalget.",
    )
    if request.headers.get("HX-Request"):
        if referral is not None:
            # The block says it; the message would otherwise show on the next page too.
            list(messages.get_messages(request))
        return _item_block(request, item, form=None if referral is not None else form)
    if referral is not None:
        return redirect(item.get_absolute_url())
    return edit_page(
        request,
        form,
        heading="Til orientering for et udvalg",
        subheading=item.title,
        cancel_url=item.get_absolute_url(),
        crumbs=("Møder", "meetings:meeting_list"),
        submit="Sæt til orientering",
    )


@login_required
@require_POST
def referral_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = commands.visible_referral(request.user, pk)
    item = referral.agenda_item
    try:
        commands.referral_withdraw(actor=request.user, command=commands.ReferralWithdraw(referral_id=pk))
        if not request.headers.get("HX-Request"):
            messages.success(
                request, f"Punktet er ikke længere til orientering for {referral.committee.name}."
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.headers.get("HX-Request"):
        return _item_block(request, item)
    return redirect(item.get_absolute_url())


# ---- A party's memo template (letterhead) ------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def memo_template_edit(request: HttpRequest, slug: str) -> HttpResponse:
    party = parties_with_committees().filter(slug=slug).first()
    if party is None:
        raise Http404("Parten findes ikke.")
    if not access_memo_template_edit(request.user, party):
        raise PermissionDenied(commands.MAY_NOT_SET_TEMPLATE)
    form = MemoTemplateForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda _: commands.memo_template_set(actor=request.user, command=form.command(party)),
        success="Notatskabelonen er gemt. Notaterne til partens udvalg bruger den fra nu af.",
    )
    if saved is not None:
        return redirect("memos:memo_template_edit", slug=party.slug)
    template = getattr(party, "memo_template", None)
    return render(
        request, "memos/memo_template_edit.html", {"party": party, "form": form, "current": template}
    )


def memo_template_default(request: HttpRequest) -> HttpResponse:
    """Klynge's default template, to start a party's own from."""
    response = HttpResponse(DEFAULT_TEMPLATE.read_bytes(), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, "notatskabelon-standard.docx")
    return response
