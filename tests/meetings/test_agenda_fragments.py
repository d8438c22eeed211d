"""The meeting page's per-item fragments built in Python or once per page (`klynge_agenda`:
`{% item_texts %}`, `{% item_attachments %}`, `{% item_tools %}`) give what the template's own lines gave (copied here from
the template as it was), every value escaped, for the public and for an editor; and the page's reading of
the agenda (`meeting_agenda`, lists) holds the same records in the same order as the API's."""

import re

import pytest
from django.template import Context, Template

from klynge.attachments.selectors import attachments_of_meeting
from klynge.attachments.services import attachment_create
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.selectors import meeting_agenda, meeting_detail
from klynge.meetings.services import agenda_item_create
from klynge.work.selectors import agenda_with_links, meeting_with_links
from tests.attachments.files import pdf_bytes
from tests.clients import editor_of
from tests.factories import ClusterWorld

# The item's lines of meetings/meeting_detail.html before the fragments (main at 1f92dfa), over the
# related managers of the API's reading.
TEMPLATE_LINES = Template(
    """{% load klynge_urls %}{% for item in meeting.agenda_items.all %}
  {% if can_edit %}
  <div class="agenda-item-tools d-print-none">
    <a class="function-link" href="{% record_url 'meetings:agenda_item_edit' item.pk %}">Redigér punktet</a>
    {% if meeting.status == "held" %}<a class="function-link" href="{% record_url 'meetings:decision_create' item.pk %}">Registrér beslutning</a>{% endif %}
    {% record_url 'meetings:agenda_item_move' item.pk as move_url %}<form method="post" action="{{ move_url }}" class="d-inline" hx-post="{{ move_url }}" hx-target="#dagsorden" hx-select="#dagsorden" hx-swap="outerHTML">
      {% csrf_token %}
      {% if not forloop.first %}<button type="submit" name="retning" value="op" class="function-link" aria-label="Flyt punkt {{ item.number }} op">Flyt op</button>{% endif %}
      {% if not forloop.last %}<button type="submit" name="retning" value="ned" class="function-link" aria-label="Flyt punkt {{ item.number }} ned">Flyt ned</button>{% endif %}
    </form>
    {% if not item.decisions.all and not item.reported_figures.all %}
    <form method="post" action="{% record_url 'meetings:agenda_item_remove' item.pk %}" class="d-inline" onsubmit="return confirm('Fjern punktet fra dagsordenen?');">
      {% csrf_token %}<button type="submit" class="function-link" aria-label="Fjern punkt {{ item.number }}">Fjern punktet</button>
    </form>
    {% endif %}
  </div>
  {% endif %}
  {% if item.summary %}<p>{{ item.summary|linebreaksbr }}</p>{% endif %}
  {% if item.case_description %}<h4 class="mt-5">Sagsfremstilling</h4><div class="case-text">{{ item.case_description|linebreaks }}</div>{% endif %}
  {% if item.recommendation %}<h4 class="mt-5">Indstilling</h4><div class="case-text">{{ item.recommendation|linebreaks }}</div>{% endif %}
  {% if item.decision_text %}<h4 class="mt-5">Beslutning</h4><div class="case-text">{{ item.decision_text|linebreaks }}</div>{% endif %}
  {% if item.topics.all %}<p class="mb-0"><strong>Emner:</strong> {% for topic in item.topics.all %}{{ topic.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}
  {% if item.focus_areas.all %}<p class="mb-0"><strong>Fokusområder:</strong> {% for fa in item.focus_areas.all %}<a href="{% record_url 'work:focus_area_detail' fa.slug %}">{{ fa.name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}
  {% if item.focus_areas_decided.all %}<p class="mb-0"><strong>Fokusområder drøftet eller valgt her:</strong> {% for fa in item.focus_areas_decided.all %}<a href="{% record_url 'work:focus_area_detail' fa.slug %}">{{ fa.name }}</a> ({{ fa.get_status_display|lower }}){% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}
  {% if item.initiatives.all %}<p class="mb-0"><strong>Indsatser:</strong> {% for i in item.initiatives.all %}<a href="{% record_url 'work:initiative_detail' i.slug %}">{{ i.name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}
  {% if can_edit %}{% record_url 'attachments:item_create' item.pk as item_upload_url %}{% endif %}
  {% if item.visible_attachments or item_upload_url %}{% include "attachments/includes/attachment_list.html" with attachments=item.visible_attachments can_edit=can_edit upload_url=item_upload_url heading="Bilag" %}{% endif %}
{% endfor %}"""
)
FRAGMENTS = Template(
    """{% load klynge_agenda %}{% for item in meeting.agenda %}
  {% if can_edit %}{% item_tools item forloop.first forloop.last %}{% endif %}
  {% item_texts item %}
  {% item_attachments item %}
{% endfor %}"""
)


def _squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@pytest.fixture
def items(world: ClusterWorld) -> list[AgendaItem]:
    full = agenda_item_create(
        meeting=world.meeting,
        title="Fuldt punkt",
        kind=AgendaItemKind.DECISION,
        summary='Kort <b>"resumé"</b> & mere\nanden linje',
        case_description="Sagen <script>alert(1)</script>\n\nAndet afsnit & en linje\nog en til",
        recommendation="Det indstilles,\n\nat <i>noget</i> sker",
        decision_text="Godkendt & <u>vedtaget</u>",
        topics=[world.prevention_topic, world.hospitals_topic],
    )
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt", kind=AgendaItemKind.DISCUSSION, is_public=False
    )
    bare = agenda_item_create(meeting=world.meeting, title="Tomt punkt", kind=AgendaItemKind.ORIENTATION)
    world.focus_area.agenda_items.add(full)
    world.focus_area.decided_at = full
    world.focus_area.save()
    world.initiative.agenda_items.add(full, closed)
    for item, title in (
        (full, 'Bilag <1> & "to"'),
        (full, "Andet bilag"),
        (full, "Tredje bilag"),  # one in the middle: moved up and down
        (closed, "Lukket bilag"),
    ):
        attachment_create(
            meeting=world.meeting, agenda_item=item, content=pdf_bytes(), original_name="b.pdf", title=title
        )
    return [full, closed, bare]


@pytest.mark.parametrize("viewer", ["anonymous", "editor"])
def test_the_fragments_give_what_the_template_gave(
    world: ClusterWorld, items: list[AgendaItem], viewer: str
) -> None:
    from django.contrib.auth.models import AnonymousUser

    client = editor_of(world.municipality)
    user = AnonymousUser() if viewer == "anonymous" else client.get("/").wsgi_request.user
    visible = visible_agenda_items(user)
    old = meeting_with_links(meeting_detail(pk=world.meeting.pk, visible=visible))
    new = meeting_agenda(pk=world.meeting.pk, visible=visible)
    assert old is not None and new is not None
    agenda_with_links(new.agenda)  # type: ignore[attr-defined]
    _, by_item = attachments_of_meeting(meeting=world.meeting, user=user)
    for item in [*old.agenda_items.all(), *new.agenda]:  # type: ignore[attr-defined]
        item.visible_attachments = by_item.get(item.pk, [])  # type: ignore[attr-defined]
    can_edit = viewer == "editor"
    expected = TEMPLATE_LINES.render(Context({"meeting": old, "can_edit": can_edit}))
    built = FRAGMENTS.render(Context({"meeting": new, "can_edit": can_edit}))
    assert _squeezed(built) == _squeezed(expected)
    assert (
        "&lt;script&gt;" in built
        and "<script>" not in built
        and "Bilag &lt;1&gt; &amp; &quot;to&quot;" in built
    )
    assert ("Lukket bilag" in built) == can_edit and ("Læg bilag op" in built) == can_edit
    # The editor's tools: the first item moves only down, the last only up; one with a decision stays.
    moved_up = re.findall(r'aria-label="Flyt punkt (\d+) op"', built)
    assert moved_up == ([str(item.number) for item in new.agenda[1:]] if can_edit else [])  # type: ignore[attr-defined]
    removable = [str(item.number) for item in new.agenda if not item.decision_list]  # type: ignore[attr-defined]
    assert re.findall(r'aria-label="Fjern punkt (\d+)"', built) == (removable if can_edit else [])
    assert not can_edit or len(removable) < len(new.agenda)  # type: ignore[attr-defined]
    assert [i.pk for i in new.agenda] == [i.pk for i in old.agenda_items.all()]  # type: ignore[attr-defined]
    assert [i.number for i in new.agenda] == [i.number for i in old.agenda_items.all()]  # type: ignore[attr-defined]


def test_the_page_shows_each_viewer_their_agenda(world: ClusterWorld, items: list[AgendaItem]) -> None:
    """Through HTTP: the public sees neither the closed item nor its attachment, and numbers the items
    it sees 1, 2, 3 without a gap; the editor of a participating party sees all, numbered in full."""
    from django.test import Client

    public = Client().get(world.meeting.get_absolute_url()).content.decode()
    editor = editor_of(world.municipality).get(world.meeting.get_absolute_url()).content.decode()
    titles = [item.title for item in AgendaItem.objects.filter(meeting=world.meeting).order_by("position")]
    open_titles = [t for t in titles if t != "Lukket punkt"]
    for page, shown in ((public, open_titles), (editor, titles)):
        numbered = re.findall(r'-titel">(\d+)\. ([^<]+)</h3>', page)
        assert numbered == [(str(n), title) for n, title in enumerate(shown, start=1)]
    assert "Lukket punkt" not in public and "Lukket bilag" not in public
    assert "Lukket bilag" in editor
    for page in (public, editor):
        assert "Sagen &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
        assert "Fokusområder drøftet eller valgt her:" in page and world.initiative.name in page


# The loop's body of meetings/meeting_detail.html before `{% agenda_item %}` (main at e077b24), with
# meetings/includes/recommendation_response.html as it was put in its place, and the item's attachment
# list by its template (as main at 1f92dfa included it).
SECTION_TEMPLATE = Template(
    """{% load klynge_urls danish klynge_referrals klynge_provenance klynge_agenda %}{% for item in meeting.agenda %}
<section class="agenda-item" id="{{ item.anchor }}" aria-labelledby="{{ item.anchor }}-titel">
  <h3 id="{{ item.anchor }}-titel">{{ item.number }}. {{ item.title }}</h3>
  <p>
    <span class="badge badge-info">{{ item.get_kind_display }}</span>
    {% if item.is_public %}<span class="badge">Åbent punkt</span>{% else %}<span class="badge badge-error">Lukket punkt</span>{% endif %}
    {% if item.is_tentative %}<span class="badge badge-warning">Forventet</span>{% endif %}
  </p>
  {% if can_edit %}{% item_tools item forloop.first forloop.last %}{% endif %}
  {% if item.is_tentative %}<p class="small-text">Punktet er forventet, men endnu ikke endeligt sat på dagsordenen.</p>{% endif %}
  {% item_texts item %}

  {% if item.decision_list %}
  <h4 class="mt-5">{% if item.decision_list|length == 1 %}Beslutning{% else %}Beslutninger{% endif %}</h4>
  {% for decision in item.decision_list %}
  <div class="mt-3">
    <p class="mb-0"><span class="badge badge-success">{{ decision.get_kind_display }}</span>{% if decision.recommended_to %} til <a href="{% record_url 'organisation:party_detail' decision.recommended_to.slug %}">{{ decision.recommended_to.name }}</a>{% endif %}{% if decision.topic %} <span class="small-text">· emne: {{ decision.topic.name|lower }}</span>{% endif %}</p>
    <p class="mt-2">{{ decision.text|linebreaksbr }}</p>
    {% if can_edit %}<p class="d-print-none"><a class="function-link" href="{% record_url 'meetings:decision_edit' decision.pk %}">Redigér beslutningen</a></p>{% endif %}
    {% if decision.kind == "recommendation" or decision.kind == "council_recommendation" %}
<div class="mt-2 mb-3 recommendation-response">
  {% if decision.response %}
  <p class="mb-0"><strong>{% if decision.kind == "council_recommendation" %}Regionsrådets beslutning{% else %}Modtagerens beslutning{% endif %} {{ decision.response.decided_on|danish_date }}:</strong> <span class="badge badge-info">{{ decision.response.get_outcome_display }}</span>{% if decision.response.reference %} · <a href="{{ decision.response.reference }}" rel="noopener">referat</a>{% endif %}</p>
  {% if decision.response.text %}<p class="mt-1">{{ decision.response.text|linebreaksbr }}</p>{% endif %}
  {% else %}
  <p class="mb-0 small-text">{% if decision.kind == "council_recommendation" %}Sundhedsrådet indstiller; regionsrådet beslutter. Regionsrådets beslutning er endnu ikke registreret.{% else %}Modtagerens beslutning er endnu ikke registreret.{% endif %}</p>
  {% endif %}
  {% if can_edit %}<p class="d-print-none mb-0"><a class="function-link" href="{% record_url 'meetings:recommendation_response' decision.pk %}">{% if decision.response %}Redigér modtagerens beslutning{% else %}Registrér modtagerens beslutning{% endif %}</a></p>{% endif %}
</div>
{% endif %}
    {% if decision.allocation_list %}
    <p class="mb-0"><strong>Bevillinger:</strong></p>
    <ul class="mt-0">
      {% for allocation in decision.allocation_list %}
      <li>{{ allocation.amount|danish_amount }} fra {{ allocation.fund.name }} til {% if allocation.initiative %}<a href="{% record_url 'work:initiative_detail' allocation.initiative.slug %}">{{ allocation.initiative.name }}</a>{% else %}<a href="{% record_url 'work:focus_area_detail' allocation.focus_area.slug %}">{{ allocation.focus_area.name }}</a>{% endif %}</li>
      {% endfor %}
    </ul>
    {% endif %}
    {% if decision.approved_initiative_list %}
    <p class="mb-0"><strong>Godkendte indsatser:</strong></p>
    <ul class="mt-0">{% for i in decision.approved_initiative_list %}<li><a href="{% record_url 'work:initiative_detail' i.slug %}">{{ i.name }}</a></li>{% endfor %}</ul>
    {% endif %}
    {% if decision.approved_trial_action_list %}
    <p class="mb-0"><strong>Godkendte prøvehandlinger ({{ decision.approved_trial_action_list|length }}):</strong></p>
    <ul class="mt-0">{% for t in decision.approved_trial_action_list %}<li>{{ t.display_name }} <span class="small-text">– <a href="{% record_url 'work:focus_area_detail' t.focus_area.slug %}">{{ t.focus_area.name }}</a></span></li>{% endfor %}</ul>
    {% endif %}
    {% include "web/includes/provenance.html" with record=decision label="Kilde til beslutningen" %}
  </div>
  {% endfor %}
  {% endif %}

  {% if item.figure_list %}
  <h4 class="mt-5">Afrapporterede tal</h4>
  <div class="table--responsive-scroll" tabindex="0">
    <table class="table table--compact">
      <caption class="sr-only">Afrapporterede tal under punkt {{ item.number }}</caption>
      <thead><tr><th scope="col">Hvad</th><th scope="col" class="align-text-right">Værdi</th><th scope="col">Område</th><th scope="col">År</th><th scope="col">Kilde</th></tr></thead>
      <tbody>
        {% for figure in item.figure_list %}
        <tr>
          <td>{{ figure.label|default:figure.get_metric_display }}{% if figure.explanation %}<br><span class="small-text">{{ figure.explanation }}</span>{% endif %}</td>
          <td class="align-text-right">{% if figure.value is not None %}{{ figure.value|with_unit:figure.unit }}{% else %}–{% endif %}</td>
          <td>{{ figure.area.name|default:"–" }}</td>
          <td>{{ figure.year|default_if_none:"–" }}</td>
          <td>{% include "web/includes/source_cell.html" with record=figure %}</td>
        </tr>
        {% endfor %}
      </tbody>
    </table>
  </div>
  {% endif %}
  {% item_referrals item %}
  {% if can_edit %}{% record_url 'attachments:item_create' item.pk as item_upload_url %}{% endif %}
  {% if item.visible_attachments or item_upload_url %}{% include "attachments/includes/attachment_list.html" with attachments=item.visible_attachments can_edit=can_edit upload_url=item_upload_url heading="Bilag" %}{% endif %}
  {% include "web/includes/provenance.html" with record=item label="Kilde til punktet" %}
</section>
{% endfor %}"""
)
SECTIONS = Template(
    """{% load klynge_agenda %}{% for item in meeting.agenda %}
{% agenda_item item forloop.first forloop.last %}
{% endfor %}"""
)
ALL_SECTIONS = Template("{% load klynge_agenda %}{% agenda_items meeting.agenda %}")  # as the page has it
TRICKY = "<script>alert(\"x\")</script> & 'quoted'"


@pytest.fixture
def decided_items(world: ClusterWorld, items: list[AgendaItem]) -> list[AgendaItem]:
    """Beside `items`: every kind of decision block (a recommendation with its recipient's response, one
    to the regional council without, allocations to an initiative and to a focus area, approved
    initiatives and trial actions), reported figures, a tentative item and a marked referral; texts
    with `<script>`, `&` and quotes."""
    import datetime
    from decimal import Decimal

    from klynge.meetings.models import Decision, DecisionKind, FigureMetric, ResponseOutcome
    from klynge.meetings.services import (
        decision_create,
        recommendation_response_record,
        reported_figure_create,
    )
    from klynge.memos.models import CommitteeReferral
    from klynge.organisation.models import Committee
    from klynge.work.services import allocation_create

    full = items[0]
    recommended = decision_create(
        agenda_item=full,
        kind=DecisionKind.RECOMMENDATION,
        text=f"Anbefaling {TRICKY}\nanden linje",
        recommended_to=world.region,
        topic=world.hospitals_topic,
        source=world.source,
        source_note=TRICKY,
    )
    recommendation_response_record(
        decision=recommended,
        outcome=ResponseOutcome.FOLLOWED_WITH_CHANGES,
        decided_on=datetime.date(2023, 12, 14),
        text=f"Svar {TRICKY}\r\nmed ændringer",
        reference='https://example.org/referat?a=1&b="2"',
    )
    Decision.objects.create(  # as a health council's (rendering only: this world has none)
        agenda_item=full,
        kind=DecisionKind.COUNCIL_RECOMMENDATION,
        text="Til regionsrådet",
        recommended_to=world.region,
    )
    allocation_create(
        fund=world.fund, decision=recommended, amount=Decimal("1250.50"), initiative=world.initiative
    )
    tentative = agenda_item_create(
        meeting=world.meeting,
        title=f"Forventet {TRICKY}",
        kind=AgendaItemKind.DECISION,
        is_tentative=True,
        source=world.source,
        source_note=TRICKY,
    )
    for label, value in ((TRICKY, Decimal("12.5")), ("", None)):
        reported_figure_create(
            agenda_item=tentative,
            metric=FigureMetric.GPS_NEEDED,
            label=label,
            value=value,
            unit="læger",
            year=2024,
            explanation=TRICKY,
            area=world.area,
            source=world.source,
        )
    committee = Committee.objects.create(party=world.municipality, name=f"Udvalg {TRICKY}")
    CommitteeReferral.objects.create(committee=committee, agenda_item=full, decision=recommended, note=TRICKY)
    return [world.agenda_item, *items, tentative]


@pytest.mark.parametrize("viewer", ["anonymous", "editor"])
def test_each_items_section_is_what_the_template_gave(
    world: ClusterWorld, decided_items: list[AgendaItem], viewer: str
) -> None:
    """`{% agenda_item %}` gives each item's `<section>` as the page's template and its includes did: the
    badges, the editor's tools, the texts, every kind of decision block, the figures, the referral block,
    the attachments and the provenance line; every value escaped; for the public and for an editor."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    client = editor_of(world.municipality)
    user = AnonymousUser() if viewer == "anonymous" else client.get("/").wsgi_request.user
    meeting = meeting_agenda(pk=world.meeting.pk, visible=visible_agenda_items(user))
    assert meeting is not None
    agenda_with_links(meeting.agenda)  # type: ignore[attr-defined]
    _, by_item = attachments_of_meeting(meeting=world.meeting, user=user)
    for item in meeting.agenda:  # type: ignore[attr-defined]
        item.visible_attachments = by_item.get(item.pk, [])  # type: ignore[attr-defined]
    request = RequestFactory().get("/")
    request.user = user
    can_edit = viewer == "editor"
    values = {"meeting": meeting, "can_edit": can_edit, "request": request, "csrf_token": "t&'\"<k>"}
    expected = SECTION_TEMPLATE.render(Context(values))
    built = SECTIONS.render(Context(values))
    assert _squeezed(built) == _squeezed(expected)
    assert _squeezed(ALL_SECTIONS.render(Context(values))) == _squeezed(built)
    for shown in (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;",
        "Modtagerens beslutning 14. december 2023:",
        "Regionsrådets beslutning er endnu ikke registreret.",
        "https://example.org/referat?a=1&amp;b=&quot;2&quot;",
        "Afrapporterede tal under punkt",
        "Punktet er forventet",
    ):
        assert shown in built, shown
    assert "<script>" not in built
    assert ("Registrér modtagerens beslutning" in built) == can_edit
    assert ("Lukket punkt" in built) == can_edit


def test_a_meeting_without_items_says_so(world: ClusterWorld) -> None:
    import datetime

    from django.test import Client

    from klynge.meetings.services import meeting_create

    empty = meeting_create(body=world.political, date=datetime.date(2024, 3, 1))
    for client in (Client(), editor_of(world.municipality)):
        page = client.get(empty.get_absolute_url()).content.decode()
        assert "<p>Der er ingen dagsordenspunkter registreret.</p>" in page
        assert 'class="agenda-item"' not in page
