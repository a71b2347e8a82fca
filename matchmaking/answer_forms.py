"""The forms volunteers and caregivers answer with (portal pages: every portal language)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RejectionReason

# The reasons a volunteer can give for a no (the matchmaker's other reasons stay for staff).
VOLUNTEER_REASONS = [
    (RejectionReason.SCHEDULE, _("de tijden passen me niet")),
    (RejectionReason.DISTANCE, _("het is te ver weg")),
    (RejectionReason.VOLUNTEER_UNAVAILABLE, _("ik heb nu geen tijd")),
    (RejectionReason.LANGUAGE, _("de taal is lastig voor mij")),
    (RejectionReason.OTHER, _("een andere reden")),
]
ANSWERS = [("yes", _("ja")), ("no", _("nee"))]


def other_needs_text(form, reason_field="reason", text_field="text", other=RejectionReason.OTHER):
    data = form.cleaned_data
    if data.get(reason_field) == other and not data.get(text_field, "").strip():
        form.add_error(text_field, _("Licht de reden 'anders' kort toe."))


class VolunteerAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=ANSWERS, widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Waarom niet?"), choices=VOLUNTEER_REASONS,
                               required=False,
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    text = forms.CharField(label=_("Toelichting (mag leeg blijven)"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("answer") == "no" and not data.get("reason"):
            self.add_error("reason", _("Kies een reden."))
        other_needs_text(self)
        return data


class CaregiverAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=ANSWERS, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Wilt u nog iets kwijt? (mag leeg blijven)"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
