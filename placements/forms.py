from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MatchSupporter, WorkingAgreement


class SupporterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wie gaat mee?"), choices=MatchSupporter.Kind.choices,
                             widget=forms.RadioSelect)
    volunteer = forms.ModelChoiceField(
        label=_("Ervaren vrijwilliger"), queryset=None, required=False,
        empty_label=_("(kies een vrijwilliger)"))
    name = forms.CharField(label=_("Naam sleutelpersoon"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False,
                             help_text=_("Dan krijgt deze persoon de check-ins van de "
                                         "eerste weken."))
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    until = forms.DateField(label=_("Gaat mee tot en met"),
                            widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Meestal de eerste weken."))
    note = forms.CharField(label=_("Notitie (niet verplicht)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = candidates
        self.fields["volunteer"].label_from_instance = lambda v: v.full_name

    def clean(self):
        data = super().clean()
        if data.get("kind") == MatchSupporter.Kind.VOLUNTEER and not data.get("volunteer"):
            self.add_error("volunteer", _("Kies de vrijwilliger die meegaat."))
        if data.get("kind") == MatchSupporter.Kind.COMMUNITY:
            if not data.get("name"):
                self.add_error("name", _("Vul de naam in."))
            if not data.get("email") and not data.get("phone"):
                self.add_error("phone", _("Vul een telefoonnummer of e-mailadres in."))
        return data


class AgreementForm(forms.ModelForm):
    class Meta:
        model = WorkingAgreement
        fields = ["agreed_on", "days_and_times", "sick_leave", "lunch_and_diet",
                  "breaks_and_smoking", "holidays", "greeting", "reminders",
                  "reminder_channel", "check_frequency", "other"]
        widgets = {
            "agreed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "check_frequency": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 2}) for name in WorkingAgreement.TEXT_FIELDS},
        }
        help_texts = {
            "days_and_times": _("Bijvoorbeeld: dinsdag en donderdag van 10.00 tot 12.00 uur."),
            "sick_leave": _("Wie bel je, en hoe laat uiterlijk?"),
            "greeting": _("Bijvoorbeeld: wel of geen hand geven; wat fijn is voor beide kanten."),
            "check_frequency": _("Dit bepaalt ook hoe vaak Koppel beide kanten vraagt hoe het gaat."),
        }

    def clean(self):
        data = super().clean()
        if data.get("reminders") and not data.get("reminder_channel"):
            self.add_error("reminder_channel", _("Kies hoe de herinneringen komen."))
        return data
