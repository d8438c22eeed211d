"""The meeting list's filter (GET parameters), validated with Danish messages."""

from django import forms


class MeetingFilterForm(forms.Form):
    organ = forms.SlugField(label="Organ", required=False, max_length=80)
    aar = forms.IntegerField(label="År", required=False, min_value=1900, max_value=2200)
    side = forms.IntegerField(label="Side", required=False, min_value=1)
