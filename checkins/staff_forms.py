"""The organisation's follow-up settings (a staff form, Dutch and English only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowUpSettings

MAX_MOMENTS = 8


class FollowUpSettingsForm(forms.ModelForm):
    moments = forms.CharField(
        label=_("Check-ins, in dagen na de start"), max_length=60,
        help_text=_("Gescheiden door komma's, bijvoorbeeld 14, 91, 182. De eerste twee tellen "
                    "voor 'duurzaam'."))

    class Meta:
        model = FollowUpSettings
        fields = ["moments", "reminder_days", "call_days", "link_days", "introduction_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["moments"] = ", ".join(str(d) for d in self.instance.moments)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def clean_moments(self):
        parts = [p.strip() for p in self.cleaned_data["moments"].replace(";", ",").split(",")]
        try:
            days = sorted({int(p) for p in parts if p})
        except ValueError as exc:
            raise forms.ValidationError(_("Alleen hele getallen, gescheiden door komma's.")) from exc
        if not days:
            raise forms.ValidationError(_("Geef minstens één moment."))
        if len(days) > MAX_MOMENTS or days[0] < 1 or days[-1] > 730:
            raise forms.ValidationError(
                _("Hoogstens %(n)s momenten, elk tussen 1 en 730 dagen.") % {"n": MAX_MOMENTS})
        return days
