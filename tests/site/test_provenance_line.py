"""{% provenance_line record label %} (the meeting page's 200 items and their decisions) gives exactly what
`web/includes/provenance.html` gives, every value escaped."""

import pytest
from django.template import Context, Template

from klynge.meetings.models import AgendaItem
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create
from tests.factories import ClusterWorld

INCLUDE = Template('{% include "web/includes/provenance.html" with record=record label=label %}')
TAG = Template("{% load klynge_provenance %}{% provenance_line record label %}")
INCLUDE_UNLABELLED = Template('{% include "web/includes/provenance.html" with record=record %}')
TAG_UNLABELLED = Template("{% load klynge_provenance %}{% provenance_line record %}")


@pytest.mark.parametrize("kind", [None, SourceKind.MEMO, SourceKind.EXAMPLE])
@pytest.mark.parametrize("note", ["", 'Side 3 <b>"fed"</b> & mere'])
def test_the_tag_gives_what_the_include_gives(world: ClusterWorld, kind: str | None, note: str) -> None:
    item: AgendaItem = world.agenda_item
    item.source = (
        source_create(key=f"kilde-{kind}", kind=kind, title='Referat <"1"> & bilag') if kind else None
    )
    item.source_note = note
    context = {"record": item, "label": "Kilde til punktet"}
    html = TAG.render(Context(context))
    assert html == INCLUDE.render(Context(context))
    unlabelled = TAG_UNLABELLED.render(Context({"record": item}))
    assert unlabelled == INCLUDE_UNLABELLED.render(Context({"record": item}))
    assert "Kilde: " in unlabelled and "Kilde til punktet: " in html
    if kind:
        assert "Referat &lt;&quot;1&quot;&gt; &amp; bilag" in html and f"/kilder/kilde-{kind}/" in html
    if note:
        assert "<b>" not in html and "&lt;b&gt;&quot;fed&quot;&lt;/b&gt; &amp; mere" in html
    assert ("Eksempeldata" in html) == (kind == SourceKind.EXAMPLE)
