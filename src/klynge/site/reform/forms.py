"""The review form: for each of a cluster's records, the council(s) that carry it on, or a note why not."""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from klynge.bodies.models import Collaboration
from klynge.reform.commands import TransitionPlanSave
from klynge.reform.selectors import Proposal
from klynge.reform.services import Choice
from klynge.site.forms import DanishForm


class NoteTextarea(forms.Textarea):
    """A textarea written directly, as Django's own template (django/forms/widgets/textarea.html and
    attrs.html) writes it: the plan has a note for each of a cluster's records, hundreds after ten years,
    and a template per textarea was half of the page's time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        attributes = "".join(
            f" {key}" if item is True else f' {key}="{escape(str(item))}"'
            for key, item in widget["attrs"].items()
            if item is not False
        )
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(f'<textarea name="{escape(widget["name"])}"{attributes}>\n{text}</textarea>')


class PlanForm(DanishForm):
    def __init__(self, *args: Any, proposals: list[Proposal], councils: list[Collaboration], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        options = [(str(c.pk), c.name) for c in councils]
        for proposal in proposals:
            self.fields[f"{proposal.key}-raad"] = forms.MultipleChoiceField(
                label=f"Sundhedsråd for »{proposal.record.name}«",
                choices=options,
                required=False,
                initial=[str(pk) for pk in proposal.chosen_ids],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Vælg blandt de registrerede sundhedsråd."},
            )
            self.fields[f"{proposal.key}-note"] = forms.CharField(
                label=f"Bemærkning til »{proposal.record.name}«",
                required=False,
                max_length=2000,
                initial=proposal.entry.note if proposal.entry is not None else "",
                widget=NoteTextarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Proposal, Any, Any]]:
        return [(p, self[f"{p.key}-raad"], self[f"{p.key}-note"]) for p in self.proposals]

    def choices(self) -> dict[str, Choice]:
        return {
            p.key: Choice(
                council_ids=tuple(int(v) for v in self.cleaned_data[f"{p.key}-raad"]),
                note=self.cleaned_data[f"{p.key}-note"],
            )
            for p in self.proposals
        }

    def command(self, cluster: Collaboration) -> TransitionPlanSave:
        return TransitionPlanSave(cluster_id=cluster.pk, choices=self.choices())
