"""Danish forms for attachments: upload one file, rename one."""

from typing import Any

from django import forms

from klynge.attachments.commands import TITLE_REQUIRED, AttachmentChange, AttachmentUpload
from klynge.attachments.files import allowed_types, max_bytes
from klynge.attachments.models import Attachment
from klynge.attachments.services import file_too_large_message
from klynge.site.forms import DanishForm

TEXT = {"class": "form-input"}
CHECKBOX = {"class": "form-checkbox"}


class AttachmentUploadForm(DanishForm):
    file = forms.FileField(
        label="Fil",
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input"}),
        error_messages={"required": "Vælg en fil.", "empty": "Filen er tom."},
    )
    title = forms.CharField(
        label="Titel",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Uden titel bruges filens navn.",
    )
    is_public = forms.BooleanField(
        label="Offentligt bilag",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text="Et lukket bilag ses kun af dem, der må læse mødets lukkede punkter.",
    )

    def __init__(self, *args: Any, own: bool, **kwargs: Any) -> None:
        """`own`: an attachment to the meeting itself (which chooses public or closed)."""
        super().__init__(*args, **kwargs)
        if not own:
            del self.fields["is_public"]
        types = ", ".join(allowed_types().values())
        limit = file_too_large_message(max_bytes()).removeprefix("Filen er for stor: ").rstrip(".")
        self.fields["file"].help_text = f"Tilladte filtyper: {types}; {limit}."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > max_bytes():
            raise forms.ValidationError(file_too_large_message(max_bytes()))
        return upload

    def upload_command(
        self, *, meeting_id: int, agenda_item_id: int | None = None, proposal_id: int | None = None
    ) -> AttachmentUpload:
        upload = self.cleaned_data["file"]
        return AttachmentUpload(
            meeting_id=meeting_id,
            agenda_item_id=agenda_item_id,
            proposal_id=proposal_id,
            content=upload.read(),
            file_name=upload.name or "",
            title=self.cleaned_data["title"],
            is_public=self.cleaned_data.get("is_public", True),
        )


class AttachmentForm(DanishForm):
    title = forms.CharField(
        label="Titel",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": TITLE_REQUIRED},
    )
    is_public = forms.BooleanField(
        label="Offentligt bilag",
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text="Et lukket bilag ses kun af dem, der må læse mødets lukkede punkter.",
    )

    def __init__(self, *args: Any, attachment: Attachment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not attachment.belongs_to_meeting:
            del self.fields["is_public"]

    def change_command(self, attachment: Attachment) -> AttachmentChange:
        return AttachmentChange(
            attachment_id=attachment.pk,
            title=self.cleaned_data["title"],
            is_public=self.cleaned_data.get("is_public"),
        )
