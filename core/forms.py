from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role


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
