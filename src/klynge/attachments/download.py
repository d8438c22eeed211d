"""The one way an attachment's file leaves Klynge (pages and API alike): as a download under its own
name, with a type found from its bytes that the browser must not second-guess, and sandboxed should a
browser render it anyway. Only PDF and images may be shown in the browser, and only when asked."""

import logging
from pathlib import PurePath

from django.http import FileResponse, Http404

from klynge.attachments.access import is_public_attachment
from klynge.attachments.files import EXTENSIONS, INLINE_TYPES
from klynge.attachments.models import Attachment

logger = logging.getLogger(__name__)


def download_name(attachment: Attachment) -> str:
    """The uploader's file name, ending as its type does (a PDF is offered as .pdf whatever it was called)."""
    name = attachment.original_name or "bilag"
    extension = EXTENSIONS.get(attachment.content_type, "")
    suffix = PurePath(name).suffix.lower()
    if extension and suffix != extension and not (extension == ".jpg" and suffix == ".jpeg"):
        name = f"{name}{extension}"
    return name


def file_response(attachment: Attachment, *, inline: bool = False) -> FileResponse:
    """The file as a response (the caller has checked that the viewer may read it)."""
    try:
        stream = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        logger.error("The file of attachment %s is missing from the storage: %s", attachment.pk, error)
        raise Http404("Bilagets fil findes ikke.") from error
    inline = inline and attachment.content_type in INLINE_TYPES
    response = FileResponse(
        stream,
        as_attachment=not inline,
        filename=download_name(attachment),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = (
        "private, max-age=300" if is_public_attachment(attachment) else "private, no-store"
    )
    return response
