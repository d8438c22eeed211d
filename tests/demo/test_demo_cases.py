"""The demo shows agenda items as cases: the memo's case texts on its items, and generated attachments
that say they are generated."""

import pytest
from django.test import Client

from klynge.attachments.models import Attachment
from klynge.meetings.models import AgendaItem

pytestmark = pytest.mark.usefixtures("demo_loaded")


@pytest.mark.django_db
def test_the_memos_case_texts_and_generated_attachments() -> None:
    item = AgendaItem.objects.get(
        title="Samarbejde og koordination i forbindelse med indlæggelser og udskrivelser"
    )
    assert item.case_description.startswith("Baggrunden var en sag om opgørelse af de midlertidige pladser")
    assert item.decision_text.startswith("Udvalget har besluttet")
    assert item.recommendation == ""  # the memo quotes none
    attachments = list(Attachment.objects.order_by("pk"))
    assert len(attachments) == 2 and all("genereret af demoen" in a.title for a in attachments)
    assert all("genereret af Klynges demo" in a.extracted_text for a in attachments)
    page = Client().get(item.meeting.get_absolute_url()).content.decode()
    assert "Sagsfremstilling" in page and "Beslutning" in page
    download = Client().get(f"/bilag/{attachments[0].pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
