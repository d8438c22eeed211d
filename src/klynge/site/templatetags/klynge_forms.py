"""Checkboxes and radio buttons in DKFDS markup, whatever class a form's widget gives them.

DKFDS draws a checkbox or radio button from `<input class="form-checkbox">` (`form-radio`) followed by its
`<label>`: the input is laid transparently over the box the label draws. Without the class the input is
not drawn at all (0 × 0 px), so the shared form rendering (web/includes/form_fields.html) adds it here
instead of relying on every form to set it on its widgets.
"""

from typing import Any

from django import template
from django.forms import BoundField
from django.forms.boundfield import BoundWidget
from django.utils.safestring import SafeString

register = template.Library()


def _with_class(attrs: dict[str, Any], css_class: str) -> dict[str, Any]:
    classes = str(attrs.get("class", "")).split()
    if css_class not in classes:
        classes.append(css_class)
    return {**attrs, "class": " ".join(classes)}


@register.filter
def dkfds_input(bound: BoundField | BoundWidget) -> SafeString:
    """The <input> of a checkbox field, or of one choice of a checkbox or radio button list, with DKFDS's
    class (form-checkbox, form-radio) added to the widget's own."""
    if isinstance(bound, BoundWidget):
        data = {**bound.data, "attrs": _with_class(bound.data["attrs"], f"form-{bound.data['type']}")}
        return BoundWidget(bound.parent_widget, data, bound.renderer).tag()
    widget = bound.field.widget
    return bound.as_widget(attrs=_with_class(widget.attrs, f"form-{widget.input_type}"))
