"""The e-mails, in Danish, as plain text with an HTML alternative (Django's e-mail framework).

Each is written for one recipient from what that recipient may read (the caller has filtered it) and
carries a one-click unsubscribe link, also as the `List-Unsubscribe` and `List-Unsubscribe-Post` headers
(RFC 8058), so a mail program can offer "Afmeld" itself.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from klynge.kernel.formatting import danish_date
from klynge.meetings.models import Meeting
from klynge.notifications.selectors import News, meeting_name

SIGNATURE = "Klynge – sundhedssamarbejdets møder, beslutninger og indsatser"


def absolute(path: str) -> str:
    """A link for an e-mail: the site's address (KLYNGE_BASE_URL) and the path."""
    return settings.KLYNGE_BASE_URL.rstrip("/") + path


def unsubscribe_url(token: str) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[token]))


def danish_datetime(moment: datetime.datetime) -> str:
    """14. december 2023 kl. 12.00 (Danish time)."""
    local = timezone.localtime(moment)
    return f"{danish_date(local.date())} kl. {local:%H.%M}"


def _message(
    *, to: str, subject: str, template: str, context: dict[str, Any], unsubscribe: str | None
) -> EmailMultiAlternatives:
    context = {**context, "signature": SIGNATURE, "unsubscribe_url": unsubscribe, "absolute": absolute}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe is not None:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def _linked(news: News) -> dict[str, Any]:
    return {
        "news": news,
        "url": absolute(news.url),
        "items": [{"line": item, "url": absolute(item.url)} for item in news.items],
    }


def agenda_email(*, to: str, news: News, reason: str, unsubscribe: str) -> EmailMultiAlternatives:
    """An agenda published or changed, with the items this recipient may read, numbered 1, 2, 3."""
    subject = f"{news.kind_label}: {news.title}"
    return _message(
        to=to,
        subject=subject,
        template="agenda",
        context={**_linked(news), "reason": reason, "subject": subject},
        unsubscribe=unsubscribe,
    )


def digest_email(
    *, to: str, label: str, news: list[News], since: datetime.datetime, unsubscribe: str
) -> EmailMultiAlternatives:
    subject = f"Ugentligt overblik: {label}"
    return _message(
        to=to,
        subject=subject,
        template="digest",
        context={
            "label": label,
            "entries": [_linked(n) for n in news],
            "since": danish_datetime(since),
            "subject": subject,
        },
        unsubscribe=unsubscribe,
    )


def reminder_email(*, to: str, meeting: Meeting, unsubscribe: str) -> EmailMultiAlternatives:
    assert meeting.submission_deadline is not None
    deadline = danish_datetime(meeting.submission_deadline)
    name = meeting_name(meeting)
    subject = f"Frist for punkter {deadline}: {name}"
    return _message(
        to=to,
        subject=subject,
        template="reminder",
        context={
            "meeting": name,
            "deadline": deadline,
            "url": absolute(meeting.get_absolute_url()),
            "subject": subject,
        },
        unsubscribe=unsubscribe,
    )


def confirmation_email(*, to: str, label: str, confirm_url: str) -> EmailMultiAlternatives:
    subject = "Bekræft dit abonnement i Klynge"
    return _message(
        to=to,
        subject=subject,
        template="confirm",
        context={"label": label, "confirm_url": confirm_url, "subject": subject},
        unsubscribe=None,
    )
