"""Memo pages: list, draft from the records, preview, edit, finalise, new version, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from klynge.memos import commands
from klynge.memos.access import (
    access_memo_draft,
    access_memo_edit,
    access_memo_view,
    committees_for_drafting,
    memos_visible_to,
)
from klynge.memos.documents import FORMATS, memo_document, memo_file
from klynge.memos.models import Memo
from klynge.memos.rendering.html import render_html_fragment
from klynge.memos.selectors import committees_for_memos
from klynge.memos.selectors import memo_list as select_memos
from klynge.memos.services import FINAL_MEMO_IS_LOCKED
from klynge.site.editing import save_form
from klynge.site.memos.forms import MemoDraftForm, MemoEditForm, memo_initial
from klynge.site.pagination import page_of


def _memo_or_404(request: HttpRequest, pk: int) -> Memo:
    return commands.visible_memo(request.user, pk)


def memo_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, select_memos(visible=memos_visible_to(request.user)))
    return render(
        request,
        "memos/memo_list.html",
        {"page": page, "memos": page.object_list, "can_draft": access_memo_draft(request.user)},
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
    return render(
        request,
        "memos/memo_detail.html",
        {
            "memo": memo,
            "preview": render_html_fragment(memo_document(memo)),
            "formats": sorted(FORMATS),
            "can_edit": access_memo_edit(request.user, memo),
            "closed_items": list(memo.closed_items.all()),
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
        {"memo": memo, "closed_items": list(memo.closed_items.all()), **_linked_memos(request, memo)},
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
