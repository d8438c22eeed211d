from django import forms

from klynge.search.models import Kind
from klynge.search.selectors import MAX_QUERY_LENGTH
from klynge.site.forms import DanishForm


class SearchForm(DanishForm):
    """The search page's query string: ?q=…&type=…&type=…&side=2 (every field optional)."""

    q = forms.CharField(
        label="Søg efter",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Søgningen er for lang. Skriv højst {MAX_QUERY_LENGTH} tegn.",
            "null_characters_not_allowed": "Søgningen indeholder et tegn, der ikke kan søges på.",
        },
    )
    type = forms.MultipleChoiceField(
        label="Vis kun",
        required=False,
        choices=Kind.choices,
        error_messages={"invalid_choice": "Der findes ingen resultattype, der hedder »%(value)s«."},
    )
    side = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": "Sidetallet skal være et helt tal.",
            "min_value": "Sidetallet skal være mindst 1.",
            "max_value": "Så mange sider er der ikke.",
        },
    )
