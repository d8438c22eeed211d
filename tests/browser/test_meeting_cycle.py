"""The whole meeting cycle through the real pages, in Chromium: a party's editor proposes items with
attachments before the submission deadline; the secretariat accepts them onto the agenda and publishes
it; the members get the agenda by e-mail (through a real SMTP server on this machine); the meeting is
held (an absence, a decision); the minutes are drafted, approved at the next meeting and published; an
item flagged "til orientering" for a committee reaches the committee's next memo on /notater/.

The cycle spans weeks. The server's clock (django.utils.timezone.now, which Klynge reads everywhere) is
moved forward between the steps, as the days pass: proposals before the deadline, the meeting on its
day, the approval on the next meeting's day. Sessions expire meanwhile, so each step logs in anew.
"""

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.bodies.models import BodyLevel, CollaborationKind, MembershipRole
from klynge.bodies.services import body_create, collaboration_create, membership_create, seat_set
from klynge.meetings.models import Meeting
from klynge.meetings.services import meeting_create
from klynge.organisation.models import Committee
from klynge.organisation.services import person_create
from tests.agendas.helpers import pdf_text
from tests.attachments.files import docx_bytes, pdf_bytes
from tests.browser.test_secretariat_flows import PASSWORD
from tests.factories import build_cluster
from tests.smtp import SmtpServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SECRETARIAT = "sekretariat@byen.test"  # the municipality hosts the collaboration: its secretariat
PROPOSER = "plo@byen.test"  # general practice's editor
MEMBER = "borgmester@byen.test"

OPEN_TITLE = "Fælles forløb for borgere med KOL"
OPEN_CASE = "Almen praksis og kommunen har kortlagt forløbene for borgere med KOL."
OPEN_RECOMMENDATION = "Det indstilles, at klyngen godkender det fælles forløb."
CLOSED_TITLE = "Honorering af praksiskonsulenter"
CLOSED_CASE = "Forhandlingsoplæg om honorering, som endnu ikke er offentligt."
DECISION = "Klyngen godkendte det fælles forløb for borgere med KOL."


class Clock:
    """The server's clock, moved forward as the cycle's days pass."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = datetime.timedelta(0)
        real_now = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)

    def move_to(self, day: datetime.date) -> None:
        self.offset += datetime.timedelta(days=(day - timezone.localdate()).days)
        assert timezone.localdate() == day


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def cycle() -> dict[str, Meeting]:
    """A collaboration run by the municipality's secretariat, with general practice and the region; its
    political body's two coming meetings (the agenda not yet published), and the people in it."""
    world = build_cluster("Byen")
    collaboration = collaboration_create(
        name="Sundhedsklynge Byen Nord",
        kind=CollaborationKind.CLUSTER,
        region=world.region,
        parties=[world.region, world.municipality, world.general_practice],
        host_party=world.municipality,
        valid_from=datetime.date(2022, 7, 1),
        source=world.source,
    )
    body = body_create(
        collaboration=collaboration, level=BodyLevel.POLITICAL, name="Politisk klynge Byen Nord"
    )
    seat_set(body=body, party=world.municipality, count=1, source=world.source)
    seat_set(body=body, party=world.general_practice, count=1, source=world.source)
    doctor = person_create(name="Praktiserende læge Byen", party=world.general_practice, source=world.source)
    membership_create(
        person=world.mayor,
        body=body,
        party=world.municipality,
        role=MembershipRole.CO_CHAIR,
        title="borgmester",
        start=datetime.date(2022, 7, 1),
    )
    membership_create(person=doctor, body=body, party=world.general_practice, start=datetime.date(2022, 7, 1))
    today = timezone.localdate()
    meeting = meeting_create(
        body=body,
        date=today + datetime.timedelta(days=14),
        start_time=datetime.time(14, 0),
        location="Rådhuset, udvalgsværelse 1",
        submission_deadline=timezone.now() + datetime.timedelta(days=7),
        agenda_published=False,
    )
    next_meeting = meeting_create(
        body=body,
        date=today + datetime.timedelta(days=42),
        start_time=datetime.time(14, 0),
        agenda_published=False,
    )
    account_create(email=SECRETARIAT, password=PASSWORD, role=Role.EDITOR, party=world.municipality)
    account_create(email=PROPOSER, password=PASSWORD, role=Role.EDITOR, party=world.general_practice)
    account_create(email=MEMBER, password=PASSWORD, role=Role.MEMBER, person=world.mayor)
    return {"meeting": meeting, "next": next_meeting}


@pytest.fixture
def open_as(browser: Browser, live_server: object) -> Iterator[Callable[[str | None], Page]]:
    """A fresh browser (its own cookies) logged in as the account, or anonymous for None."""
    contexts = []

    def open_page(email: str | None) -> Page:
        context = browser.new_context(locale="da-DK", base_url=live_server.url)  # type: ignore[attr-defined]
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/")
        if email is not None:
            page.get_by_role("link", name="Log ind").click()
            page.get_by_label("E-mail").fill(email)
            page.get_by_label("Adgangskode").fill(PASSWORD)
            page.get_by_role("button", name="Log ind").click()
            expect(page.locator(".username")).to_have_text(email)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _propose(page: Page, *, title: str, case: str, recommendation: str, public: bool) -> None:
    page.get_by_role("link", name="Foreslå et punkt").first.click()
    expect(page.locator("main")).to_contain_text("Fristen for punkter er")
    page.get_by_label("Overskrift").fill(title)
    page.get_by_label("Type").select_option(label="Beslutning")
    page.get_by_label("Sagsfremstilling").fill(case)
    page.get_by_label("Indstilling").fill(recommendation)
    if not public:
        page.get_by_label("Åbent punkt").uncheck()
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".alert-success")).to_contain_text("Forslaget er sendt til sekretariatet.")
    expect(page.locator("#forslag")).to_contain_text("Foreslået")


def _upload(page: Page, *, name: str, mime: str, content: bytes, title: str) -> None:
    page.get_by_role("link", name="Læg bilag op").click()
    page.get_by_label("Fil").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    page.get_by_label("Titel").fill(title)
    page.get_by_role("button", name="Læg bilaget op").click()
    expect(page.locator(".alert-success")).to_contain_text("Bilaget er lagt op.")
    expect(page.locator("#bilag")).to_contain_text(title)


def _pdf(page: Page, href: str) -> str:
    response = page.request.get(href)
    assert response.status == 200, href
    assert response.headers["content-type"] == "application/pdf"
    return pdf_text(response.body())


def test_the_meeting_cycle(
    open_as: Callable[[str | None], Page],
    cycle: dict[str, Meeting],
    clock: Clock,
    smtp_server: SmtpServer,
) -> None:
    meeting, next_meeting = cycle["meeting"], cycle["next"]
    committee = Committee.objects.get(name="Sundhedsudvalget Byen")

    # 1. Before the deadline, general practice's editor proposes two items, each with an attachment.
    proposer = open_as(PROPOSER)
    proposer.goto(f"/moeder/{meeting.pk}/")
    expect(proposer.locator("main")).to_contain_text("Dagsordenen er ikke offentliggjort")
    _propose(proposer, title=OPEN_TITLE, case=OPEN_CASE, recommendation=OPEN_RECOMMENDATION, public=True)
    _upload(
        proposer,
        name="forloebsbeskrivelse.pdf",
        mime="application/pdf",
        content=pdf_bytes("Forløbsbeskrivelse for borgere med KOL"),
        title="Forløbsbeskrivelse",
    )
    proposer.goto(f"/moeder/{meeting.pk}/")
    _propose(
        proposer,
        title=CLOSED_TITLE,
        case=CLOSED_CASE,
        recommendation="Det indstilles, at klyngen drøfter oplægget.",
        public=False,
    )
    _upload(
        proposer,
        name="forhandlingsoplaeg.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        content=docx_bytes("Fortroligt forhandlingsoplæg"),
        title="Forhandlingsoplæg",
    )
    proposer.goto(f"/moeder/{meeting.pk}/forslag/")
    listing = proposer.locator("main")
    expect(listing).to_contain_text("Frist for punkter:")
    expect(listing).not_to_contain_text("(overskredet)")
    expect(listing).to_contain_text(OPEN_TITLE)
    expect(listing).to_contain_text(CLOSED_TITLE)

    # Nobody else sees the proposals, nor the meeting's items before publication.
    public = open_as(None)
    public.goto(f"/moeder/{meeting.pk}/")
    expect(public.locator("main")).not_to_contain_text(OPEN_TITLE)
    expect(public.get_by_role("link", name="Se forslag")).to_have_count(0)

    # 2. The secretariat accepts both onto the agenda, with their attachments, and publishes it.
    secretariat = open_as(SECRETARIAT)
    secretariat.goto(f"/moeder/{meeting.pk}/")
    secretariat.get_by_role("link", name="Se forslag (2 afventer)").click()
    expect(secretariat.locator("main")).to_contain_text("PLO Byen")
    for title in (OPEN_TITLE, CLOSED_TITLE):
        secretariat.goto(f"/moeder/{meeting.pk}/forslag/")
        secretariat.get_by_role("link", name=title).click()
        secretariat.get_by_label("Optag på dagsordenen").check()
        secretariat.get_by_role("button", name="Gem afgørelsen").click()
        expect(secretariat.locator("#forslag")).to_contain_text("Optaget på dagsordenen")
    secretariat.goto(f"/moeder/{meeting.pk}/")
    agenda = secretariat.locator("section.agenda-item")
    expect(agenda).to_have_count(2)
    expect(agenda.nth(0)).to_contain_text(OPEN_TITLE)
    expect(agenda.nth(0)).to_contain_text(OPEN_CASE)
    expect(agenda.nth(0)).to_contain_text("Forløbsbeskrivelse")
    expect(agenda.nth(1)).to_contain_text("Lukket punkt")
    expect(agenda.nth(1)).to_contain_text("Forhandlingsoplæg")

    secretariat.get_by_role("link", name="Dagsorden (PDF), versioner og referat").click()
    expect(secretariat.locator("main")).to_contain_text("Dagsordenen er ikke offentliggjort endnu.")
    with smtp_server.delivering():
        secretariat.get_by_role("button", name="Offentliggør").click()
        expect(secretariat.locator(".alert-success")).to_contain_text("Version 1 er offentliggjort.")
    expect(secretariat.get_by_role("link", name="Lukket udgave")).to_be_visible()
    closed_package = _pdf(secretariat, f"/moeder/{meeting.pk}/dagsorden/1/lukket.pdf")
    assert CLOSED_CASE in closed_package and OPEN_CASE in closed_package

    # The member gets the agenda by e-mail, with the closed item they may read.
    received = smtp_server.received()
    assert list(received) == [(MEMBER,)]
    message = received[(MEMBER,)]
    assert " ".join(str(message["Subject"]).split()).startswith(
        "Dagsorden offentliggjort: Politisk klynge Byen Nord"
    )
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert OPEN_TITLE in plain and CLOSED_TITLE in plain

    # The public now sees the open item and the public package, never the closed one.
    public.goto(f"/moeder/{meeting.pk}/")
    expect(public.locator("main")).to_contain_text(OPEN_TITLE)
    expect(public.locator("main")).not_to_contain_text(CLOSED_TITLE)
    public.get_by_role("link", name="Dagsorden (PDF), versioner og referat").click()
    expect(public.get_by_role("link", name="Offentlig udgave")).to_be_visible()
    expect(public.get_by_role("link", name="Lukket udgave")).to_have_count(0)
    public_package = _pdf(public, f"/moeder/{meeting.pk}/dagsorden/1/offentlig.pdf")
    assert OPEN_CASE in public_package and "Forløbsbeskrivelse for borgere med KOL" in public_package
    assert CLOSED_TITLE not in public_package and CLOSED_CASE not in public_package

    # 3. The meeting's day: the deadline has passed; the meeting is held.
    clock.move_to(meeting.date)
    proposer = open_as(PROPOSER)
    proposer.goto(f"/moeder/{meeting.pk}/forslag/")
    expect(proposer.locator("main")).to_contain_text("(overskredet)")
    expect(proposer.get_by_role("link", name="Foreslå et punkt")).to_have_count(0)

    secretariat = open_as(SECRETARIAT)
    secretariat.goto(f"/moeder/{meeting.pk}/deltagere/")
    secretariat.get_by_label("Medlem, der melder afbud").select_option(
        label="Praktiserende læge Byen (PLO Byen)"
    )
    secretariat.get_by_role("button", name="Registrér afbud").click()
    expect(secretariat.locator(".alert-success")).to_contain_text("Afbuddet er registreret.")

    secretariat.goto(f"/moeder/{meeting.pk}/")
    secretariat.get_by_role("link", name="Redigér mødet").click()
    secretariat.get_by_label("Status").select_option(label="Afholdt")
    secretariat.get_by_role("button", name="Gem").click()
    expect(secretariat.locator("main")).to_contain_text("Afholdt")

    item = secretariat.locator("section.agenda-item").nth(0)
    item.get_by_role("link", name="Registrér beslutning").click()
    secretariat.get_by_label("Fælles beslutning").check()
    secretariat.get_by_label("Beslutning", exact=True).fill(DECISION)
    secretariat.get_by_label("Emne").select_option(label="Forebyggelse")
    secretariat.get_by_role("button", name="Gem").click()
    expect(secretariat.locator(".alert-success")).to_contain_text("Beslutningen er registreret.")
    item = secretariat.locator("section.agenda-item").nth(0)
    expect(item).to_contain_text(DECISION)

    # The item is flagged "til orientering" for the municipality's health committee.
    flags = item.locator(".agenda-item-referrals")
    flags.get_by_text("Til orientering for et udvalg").click()
    flags.get_by_label("Til orientering for").select_option(label=committee.name)
    flags.get_by_role("combobox", name="Beslutning").select_option(index=1)  # the decision, not the item
    flags.get_by_label("Bemærkning").fill("Udvalget bør kende det fælles forløb.")
    flags.get_by_role("button", name="Sæt til orientering").click()
    expect(secretariat.locator("section.agenda-item").nth(0)).to_contain_text("Venter på næste notat")

    # The minutes are drafted from the decisions and the attendance.
    secretariat.get_by_role("link", name="Dagsorden (PDF), versioner og referat").click()
    secretariat.get_by_role("button", name="Udarbejd referat ud fra beslutningerne").click()
    expect(secretariat.locator(".alert-success")).to_contain_text("Referatet er udarbejdet")
    expect(secretariat.get_by_label("Deltagere og afbud")).to_contain_text(
        "Afbud: Praktiserende læge Byen (PLO Byen)"
    )
    expect(secretariat.get_by_label(f"1. {OPEN_TITLE}")).to_have_value(DECISION)
    secretariat.get_by_label(f"2. {CLOSED_TITLE} (lukket punkt)").fill("Klyngen drøftede oplægget.")
    secretariat.get_by_label("Eventuelt").fill("Intet.")
    secretariat.get_by_role("button", name="Gem referatet").click()
    expect(secretariat.locator(".alert-success")).to_contain_text("Referatet er gemt.")

    # Before approval, the public sees no minutes.
    public.goto(f"/moeder/{meeting.pk}/dagsorden/")
    expect(public.locator("main")).to_contain_text("Der er intet offentliggjort referat af mødet.")

    # 4. The next meeting's day: the minutes are approved there, and published.
    clock.move_to(next_meeting.date)
    secretariat = open_as(SECRETARIAT)
    secretariat.goto(f"/moeder/{meeting.pk}/dagsorden/")
    secretariat.get_by_role("combobox", name="Godkendelse").select_option(label="Godkendt på næste møde")
    secretariat.get_by_role("combobox", name="Møde").select_option(label=f"{next_meeting.date:%d.%m.%Y}")
    secretariat.get_by_role("button", name="Godkend").click()
    expect(secretariat.locator("main")).to_contain_text("Godkendt")
    secretariat.get_by_role("button", name="Offentliggør referatet").click()
    expect(secretariat.locator("main")).to_contain_text("Offentliggjort")

    public = open_as(None)
    public.goto(f"/moeder/{meeting.pk}/dagsorden/")
    minutes = public.locator("main")
    expect(minutes).to_contain_text(DECISION)
    expect(minutes).to_contain_text("Afbud: Praktiserende læge Byen (PLO Byen)")
    expect(minutes).not_to_contain_text(CLOSED_TITLE)
    minutes_pdf = _pdf(public, f"/moeder/{meeting.pk}/referat/offentlig.pdf")
    assert DECISION in minutes_pdf and "Klyngen drøftede oplægget." not in minutes_pdf

    # 5. The flagged item waits on the memo screen and comes into the committee's next memo.
    secretariat.goto("/notater/")
    waiting = secretariat.locator("main")
    expect(waiting).to_contain_text("Punkter til orientering")
    expect(waiting).to_contain_text(OPEN_TITLE)
    expect(waiting).to_contain_text(f"Beslutningen: {DECISION}")
    secretariat.get_by_role("link", name=f"Nyt notat til {committee.name}").click()
    secretariat.get_by_label("Orienteringsnotat").check()
    secretariat.get_by_role("button", name="Udkast notat").click()
    memo = secretariat.locator("main")
    expect(memo).to_contain_text("Punkter til udvalgets orientering")
    expect(memo).to_contain_text(OPEN_TITLE)
    expect(memo).to_contain_text(DECISION)
    expect(memo).to_contain_text("Udvalget bør kende det fælles forløb.")
    secretariat.get_by_role("link", name="Gør endeligt …").click()
    secretariat.get_by_role("button", name="Gør endeligt og offentligt").click()
    expect(secretariat.locator("main")).to_contain_text("Endelig")

    secretariat.goto("/notater/")
    expect(secretariat.locator("main")).not_to_contain_text("Punkter til orientering")
