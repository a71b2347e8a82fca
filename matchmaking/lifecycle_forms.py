"""Staff forms of the match lifecycle: the answer recorded after a call, declining, the
introduction, ending a match. (The volunteer's and caregiver's forms: answer_forms.py.)"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .answer_forms import ANSWERS, other_needs_text
from .models import EndReason, Match, MatchSettings, RejectionReason


class StaffAnswerForm(forms.Form):
    """The answer of one side, given to staff (usually on the phone)."""

    party = forms.ChoiceField(choices=[(Match.Party.VOLUNTEER, _("vrijwilliger")),
                                       (Match.Party.CAREGIVER, _("mantelzorger"))],
                              widget=forms.HiddenInput)
    answer = forms.ChoiceField(label=_("Antwoord"), choices=ANSWERS, widget=forms.RadioSelect)
    reason = forms.ChoiceField(label=_("Reden bij nee"), choices=[("", "---------"),
                                                                   *RejectionReason.choices],
                               required=False)
    text = forms.CharField(label=_("Notitie"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("answer") == "no" and not data.get("reason"):
            self.add_error("reason", _("Kies een reden."))
        other_needs_text(self)
        return data


class DeclineForm(forms.Form):
    """Staff stop a match before it started (either side said no, or it will not work)."""

    reason = forms.ChoiceField(label=_("Reden"), choices=RejectionReason.choices,
                               widget=forms.RadioSelect)
    party = forms.ChoiceField(label=_("Wie zegt nee?"), choices=Match.Party.choices,
                              initial=Match.Party.MATCHMAKER)
    text = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        other_needs_text(self)
        return data


class IntroductionForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Plaats"), max_length=200,
                            help_text=_("Meestal thuis bij de zorgvrager."))

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            # Staff may also record an introduction that already took place.
            data["at"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return data


class EndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden"), choices=EndReason.choices,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Verplicht bij 'anders'."))

    def clean(self):
        data = super().clean()
        other_needs_text(self, other=EndReason.OTHER)
        return data


class MatchSettingsForm(forms.ModelForm):
    class Meta:
        model = MatchSettings
        fields = ["proposal_answer_days", "proposal_escalate_days", "caregiver_link_days"]
