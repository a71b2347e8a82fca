from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation, Role, VolunteerWord


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.COORDINATOR)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Deze persoon heeft al een account bij een organisatie."))
        return email


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens; niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            from .models import User

            probe = User(email=self.email, first_name=data.get("first_name", ""),
                         last_name=data.get("last_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class OrganisationSettingsForm(forms.ModelForm):
    """What an organisation admin sets: how volunteers are named towards families, and how
    volunteers reach the organisation (shown in Mijn Koppel)."""

    class Meta:
        model = Organisation
        fields = ["volunteer_word", "volunteer_word_own", "volunteer_word_own_plural", "email",
                  "phone"]
        labels = {
            "volunteer_word": _("Hoe noemen we vrijwilligers tegenover mantelzorgers?"),
            "volunteer_word_own": _("Eigen woord"),
            "volunteer_word_own_plural": _("Eigen woord, meervoud"),
            "email": _("E-mailadres voor vrijwilligers"),
            "phone": _("Telefoonnummer voor vrijwilligers"),
        }
        help_texts = {
            "volunteer_word_own": _("Bijvoorbeeld: buddy, steunpunt of een woord in de "
                                    "moedertaal van de families."),
            "volunteer_word_own_plural": _("Bijvoorbeeld: buddy's."),
            "email": _("Vrijwilligers zien dit in Mijn Koppel bij 'Vragen?'."),
        }
        widgets = {"volunteer_word": forms.RadioSelect,
                   "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean(self):
        data = super().clean()
        for name in ("volunteer_word_own", "volunteer_word_own_plural"):
            data[name] = " ".join((data.get(name) or "").split())
        if data.get("volunteer_word") == VolunteerWord.OWN:
            if not data["volunteer_word_own"]:
                self.add_error("volunteer_word_own", _("Vul het eigen woord in, of kies een van "
                                                       "de andere woorden."))
            if not data["volunteer_word_own_plural"]:
                self.add_error("volunteer_word_own_plural", _("Vul ook het meervoud in, "
                                                              "bijvoorbeeld buddy's."))
        return data


class AuditFilterForm(forms.Form):
    """Filters of the audit trail: whose data (kind and number), who looked, and when."""

    subject_type = forms.ChoiceField(label=_("Soort gegevens"), required=False)
    subject_id = forms.IntegerField(label=_("Nummer"), required=False, min_value=1,
                                    max_value=2**62)
    actor = forms.TypedChoiceField(label=_("Medewerker"), required=False, coerce=int,
                                   empty_value=None)
    since = forms.DateField(label=_("Vanaf"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Tot en met"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, subject_types, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_type"].choices = [("", _("Alle soorten")), *subject_types]
        self.fields["actor"].choices = [("", _("Iedereen")), *actors]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("Deze datum ligt voor de begindatum."))
        return data
