"""The answer form: one of the three answers and an optional comment. Shown on the public
answer page, in Mijn Koppel and (for a phone call) to staff, so its strings are translated
into every portal language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .answers import Answer


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Hoe gaat het?"), choices=Answer.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Kies een antwoord.")})
    comment = forms.CharField(label=_("Wil je er iets over vertellen? (mag leeg blijven)"),
                              required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
