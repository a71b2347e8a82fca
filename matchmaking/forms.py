from django import forms
from django.utils.translation import gettext_lazy as _

from . import scoring
from .explain import CRITERION_LABELS
from .models import RejectionReason


class ProposeForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Notitie bij het voorstel (optioneel)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    allow_parallel = forms.BooleanField(
        label=_("Er loopt al een voorstel voor deze hulpvraag: toch ook deze vrijwilliger "
                "voorstellen"), required=False)


class RejectForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reden"), choices=RejectionReason.choices,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Verplicht bij 'anders'."))

    def clean(self):
        data = super().clean()
        if data.get("reason") == RejectionReason.OTHER and not data.get("text", "").strip():
            self.add_error("text", _("Licht de reden 'anders' kort toe."))
        return data


WEIGHT_HELP = {
    "motivation": _("Past de motivatie van de vrijwilliger bij de soort hulp en de duur?"),
    "language": _("Een gedeelde taal; de moedertaal van het gezin telt het zwaarst."),
    "culture": _("Alleen bij de wens 'dezelfde achtergrond'; anders telt het voor iedereen gelijk."),
    "availability": _("Gevraagde dagdelen die de vrijwilliger kan, en of duur en frequentie passen."),
    "distance": _("Hoe dichtbij, ook ten opzichte van de eigen maximale afstand."),
    "activity": _("Doet de vrijwilliger deze soort hulp graag, en zijn er gedeelde interesses?"),
    "capacity": _("Hoeveel van de eigen uren per week nog vrij zijn."),
    "fairness": _("Voorrang voor wie lang wacht: vrijwilligers op een eerste koppeling, "
                  "hulpvragen op een vrijwilliger."),
}


class WeightsForm(forms.Form):
    """How much each criterion counts: 0 to 100 each (only the proportions matter)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = _("Kies een getal van 0 tot en met 100.")
        for name in scoring.CRITERIA:
            self.fields[name] = forms.IntegerField(
                label=CRITERION_LABELS[name], help_text=WEIGHT_HELP[name], min_value=0,
                max_value=100, error_messages={"min_value": message, "max_value": message,
                                               "invalid": message, "required": message},
                widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}))

    def clean(self):
        data = super().clean()
        values = [data.get(name) for name in scoring.CRITERIA]
        if all(v is not None for v in values) and not any(values):
            raise forms.ValidationError(_("Geef minstens één criterium een gewicht."))
        return data

    def weights(self) -> scoring.Weights:
        return scoring.Weights(**{name: self.cleaned_data[name] for name in scoring.CRITERIA})


class PairingApproveForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
