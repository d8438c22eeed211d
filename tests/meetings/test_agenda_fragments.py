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
    for item, title in ((full, 'Bilag <1> & "to"'), (full, "Andet bilag"), (closed, "Lukket bilag")):
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
