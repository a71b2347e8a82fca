from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from caregivers.models import Partner
from core.models import Role, User

from .competences import Competence
from .models import Journey, JourneySettings, StepDefinition
from .selectors import consulent_summary_blocker


def staff_owner_choices(organisation):
    """Who can own a journey action: the organisation's coordinators and admins."""
    return User.objects.filter(
        membership__organisation=organisation,
        membership__role__in=[Role.ADMIN, Role.COORDINATOR],
    ).order_by("first_name", "last_name", "email")


class StepCompleteForm(forms.Form):
    note = forms.CharField(label=_("Notitie (niet verplicht)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RescheduleForm(forms.Form):
    due_date = forms.DateField(label=_("Nieuwe datum"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.ModelChoiceField(label=_("Wie doet het"), queryset=User.objects.none(),
                                   required=False, empty_label=_("(niet veranderen)"))
    note = forms.CharField(label=_("Waarom (niet verplicht)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_owner_choices(organisation)
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email


class NoteForm(forms.Form):
    KIND_CHOICES = [("note", _("Notitie, bijvoorbeeld na een gesprek")),
                    ("training", _("Gevolgde training"))]

    kind = forms.ChoiceField(label=_("Soort"), choices=KIND_CHOICES, initial="note",
                             widget=forms.RadioSelect)
    title = forms.CharField(label=_("Naam van de training"), required=False, max_length=200,
                            help_text=_("Alleen bij een training, bijvoorbeeld "
                                        "'Cultuursensitief werken'."))
    note = forms.CharField(label=_("Notitie"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("kind") == "training" and not data.get("title"):
            self.add_error("title", _("Vul de naam van de training in."))
        if data.get("kind") == "note" and not data.get("note"):
            self.add_error("note", _("Schrijf een notitie."))
        return data


SUMMARY_QUEUED = _("De samenvatting gaat per e-mail naar de consulent.")


class ExitForm(forms.Form):
    AMBASSADOR_CHOICES = [("", _("nog niet besproken")), ("yes", _("ja")), ("no", _("nee"))]

    reason = forms.ChoiceField(label=_("Reden van stoppen"), choices=Journey.ExitReason.choices)
    feedback = forms.CharField(
        label=_("Wat ging goed, wat kan beter?"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat de vrijwilliger in het exitgesprek vertelde. Geen gevoelige details."))
    keep_in_touch = forms.BooleanField(
        label=_("Wil contact houden als oud-vrijwilliger"), required=False,
        help_text=_("Zonder deze keuze worden de gegevens na de bewaartermijn geanonimiseerd."))
    ambassador = forms.ChoiceField(label=_("Ambassadeur"), choices=AMBASSADOR_CHOICES,
                                   required=False)
    next_step_partner = forms.ModelChoiceField(
        label=_("Doorverwezen naar (sociale kaart)"), queryset=Partner.objects.none(),
        required=False, empty_label=_("(geen)"))
    next_step_note = forms.CharField(
        label=_("Of een andere volgende stap"), required=False, max_length=300,
        help_text=_("Bijvoorbeeld: een andere organisatie, betaald werk, een opleiding."))

    def __init__(self, *args, organisation, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_step_partner"].queryset = Partner.objects.filter(
            organisation=organisation, active=True)
        if volunteer is not None and volunteer.is_newcomer:
            self._add_consulent_summary(volunteer)

    def _add_consulent_summary(self, volunteer):
        """Newcomers only; switched off, with the reason, without the volunteer's consent
        (a disabled field ignores whatever is posted)."""
        name = volunteer.newcomer.consulent_name
        blocker = consulent_summary_blocker(volunteer=volunteer)
        self.fields["consulent_summary"] = forms.BooleanField(
            label=(_("Stuur een korte samenvatting naar de consulent (%(name)s)") % {"name": name}
                   if name else _("Stuur een korte samenvatting naar de consulent")),
            required=False, disabled=bool(blocker),
            help_text=blocker or _("Periode, wat de vrijwilliger deed, trainingen en het "
                                   "getuigschrift (als dat er al is). De vrijwilliger gaf "
                                   "toestemming."))

    @property
    def consulent_summary_value(self) -> bool:
        return bool(self.cleaned_data.get("consulent_summary"))

    @property
    def ambassador_value(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("ambassador"))


class CertificateForm(forms.Form):
    role_title = forms.CharField(label=_("Werkzaam als"), max_length=120,
                                 help_text=_("Bijvoorbeeld: maatje, taalmaatje, vrijwilliger."))
    tasks = forms.CharField(label=_("Werkzaamheden"), required=False, max_length=3000,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("Eén per regel."))
    competences = forms.MultipleChoiceField(
        label=_("Competenties (EVC-A, niet verplicht)"), choices=Competence.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    signer_role = forms.CharField(label=_("Uw functie"), max_length=120,
                                  initial=_("vrijwilligerscoördinator"))

    def clean_tasks(self):
        return [line.strip(" -•✓\t") for line in self.cleaned_data["tasks"].splitlines()
                if line.strip(" -•✓\t")]


class JourneySettingsForm(forms.ModelForm):
    class Meta:
        model = JourneySettings
        fields = ["retention_months"]
        widgets = {"retention_months": forms.NumberInput(attrs={"min": 1, "max": 120})}

    def clean_retention_months(self):
        months = self.cleaned_data["retention_months"]
        if not 1 <= months <= 120:
            raise forms.ValidationError(_("Kies een termijn van 1 tot 120 maanden."))
        return months


StepDefinitionFormSet = modelformset_factory(
    StepDefinition, fields=["name", "due_days", "repeat_days", "required", "active"],
    extra=0, can_delete=False,
)
