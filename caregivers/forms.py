"""Forms of the caregivers app: the intake (caregiver, recipient, request), the edit pages,
the partner directory, referral, and the import upload."""

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import is_valid_language, language_choices, language_name
from core.postcodes import INVALID_POSTCODE, normalise_postcode
from core.uploads import validate_csv_upload
from core.vocabulary import CulturePreference, Level
from core.words import volunteer_word

from .models import Caregiver, CareRecipient, HelpRequest, Partner
from .widgets import LanguageRowsWidget, SlotTableWidget


def _bootstrap(form) -> None:
    """Bootstrap classes on every widget, so templates can render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect
                      | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        elif isinstance(widget, LanguageRowsWidget):
            continue
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


# --- fields ---------------------------------------------------------------------------


class LanguageLevelsField(forms.Field):
    """Languages with levels, typed as a name ("Turks", "Turkish") or a code ("tr")."""

    def __init__(self, *, rows=2, **kwargs):
        kwargs.setdefault("widget", LanguageRowsWidget(rows=rows))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    @staticmethod
    def lookup() -> dict[str, str]:
        names = {}
        for locale in ("en", "nl"):
            for code, name in language_choices(locale):
                names.setdefault(name.lower(), code)
        return names

    def to_python(self, value):
        result, problems, names = [], [], None
        for typed, level in value or []:
            if not typed:
                problems.append(_("Kies een taal bij niveau %(level)s.") % {"level": level})
                continue
            code = typed.lower()
            if not is_valid_language(code):
                names = names or self.lookup()
                code = names.get(typed.lower(), "")
            if not code:
                problems.append(_("'%(typed)s' kennen we niet als taal. Kies een taal uit de "
                                  "lijst.") % {"typed": typed})
            elif level not in Level.values:
                problems.append(_("Kies een niveau voor %(language)s.")
                                % {"language": language_name(code)})
            elif code in {c for c, _level in result}:
                problems.append(_("%(language)s staat er twee keer in.")
                                % {"language": language_name(code)})
            else:
                result.append((code, level))
        if problems:
            raise forms.ValidationError(problems)
        return result

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class TagsField(forms.CharField):
    """Free words separated by commas: "wandelen, computers" -> ["wandelen", "computers"]."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        tags = []
        for part in text.replace("|", ",").split(","):
            tag = part.strip()[:50]
            if tag and tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
        return tags


def clean_postcode(value: str) -> str:
    if not value:
        return ""
    normal = normalise_postcode(value)
    if normal is None:
        raise forms.ValidationError(INVALID_POSTCODE)
    return normal


# --- people -----------------------------------------------------------------------------


class PersonForm(forms.ModelForm):
    """What caregivers and care recipients share, with their languages and consents."""

    languages = LanguageLevelsField(label=_("Talen"), rows=2)
    background_consent = forms.BooleanField(
        label=_("Toestemming om de culturele achtergrond vast te leggen"), required=False,
        help_text=_("Alleen wat de persoon zelf zegt, met uitdrukkelijke toestemming. Zonder "
                    "toestemming wordt de achtergrond niet bewaard."))
    consent_data = forms.BooleanField(
        label=_("Toestemming om deze gegevens te bewaren"), required=False)

    consent_required_message = _("Zonder toestemming kunnen we de gegevens niet bewaren. Wil "
                                 "de persoon niet meer geregistreerd zijn: kies 'Gegevens wissen'.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.fields["languages"].initial = [(row.language, row.level_code)
                                                for row in instance.languages.all()]
            self.fields["languages"].widget.rows = max(2, len(self.fields["languages"].initial)
                                                       + 1)
            self.fields["background_consent"].initial = bool(instance.background_consent_at)
            self.fields["consent_data"].initial = bool(instance.consent_data_at)
        else:
            self.fields["consent_data"].initial = False
        if "language" in self.fields:
            self.fields["language"] = forms.ChoiceField(
                label=_("Taal van berichten"), choices=settings.LANGUAGES,
                initial=instance.language or "nl")
        _bootstrap(self)

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean(self):
        data = super().clean()
        if data.get("background") and not data.get("background_consent"):
            self.add_error("background_consent", _(
                "Vink toestemming aan, of laat de achtergrond leeg: zonder toestemming "
                "bewaren we die niet."))
        if "consent_data" in self.fields and not data.get("consent_data"):
            self.add_error("consent_data", self.consent_required_message)
        return data


class CaregiverForm(PersonForm):
    consent_share_contact = forms.BooleanField(
        label=_("Toestemming om contactgegevens te delen met de gekoppelde vrijwilliger"),
        required=False)

    class Meta:
        model = Caregiver
        fields = ["name", "phone", "email", "contact_channel", "reminders", "language",
                  "postcode", "background"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                   "email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Naam")
        self.fields["consent_share_contact"].initial = bool(self.instance.consent_share_contact_at)
        # The question as the coordinator asks it, in the organisation's word (core.words).
        self.organisation = organisation or (self.instance.organisation
                                             if self.instance.organisation_id else None)
        self.fields["consent_share_contact"].help_text = _(
            "Vraag: \"Mogen we uw naam en telefoonnummer geven aan uw %(word)s?\"") % {
            "word": volunteer_word(self.organisation)}

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.has_error("email"):
            self.add_error("phone", _("Hoe bereiken we de mantelzorger? Vul een telefoonnummer "
                                      "of e-mailadres in."))
        channel = data.get("contact_channel")
        if channel == "email" and not data.get("email") and not self.has_error("email"):
            self.add_error("email", _("U koos e-mail als contactmanier: vul het e-mailadres in."))
        if channel in {"phone", "whatsapp"} and not data.get("phone") and data.get("email"):
            self.add_error("contact_channel", _("Er is geen telefoonnummer: kies e-mail of post."))
        return data


class IntakeCaregiverForm(CaregiverForm):
    """The caregiver at intake: only what a phone call needs."""

    summary_title = _("Mantelzorger")

    class Meta(CaregiverForm.Meta):
        fields = ["name", "phone", "email", "contact_channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "off"})
        del self.fields["background_consent"]


class RecipientForm(PersonForm):
    class Meta:
        model = CareRecipient
        fields = ["name", "birth_year", "phone", "email", "postcode", "situation",
                  "background"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 3}),
                   "phone": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Naam")

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Vul een geboortejaar in, zoals 1942."))
        return year


class IntakeRecipientForm(RecipientForm):
    """The care recipient at intake: optional; a name means "register them"."""

    summary_title = _("Zorgvrager")

    relationship = forms.CharField(
        label=_("Relatie tot de mantelzorger"), max_length=60, required=False,
        help_text=_("Bijvoorbeeld: moeder, partner, buurman."))

    class Meta(RecipientForm.Meta):
        fields = ["name", "birth_year", "situation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        del self.fields["background_consent"]
        del self.fields["consent_data"]  # the caregiver's consent covers the intake

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("name") or "").strip()

    def _post_clean(self):
        # No recipient typed: nothing to check against the model (its name is required).
        if not self.is_empty():
            super()._post_clean()


# --- help request -------------------------------------------------------------------------


class RequestForm(forms.ModelForm):
    """The request itself; used at intake and on the request's edit page."""

    languages = LanguageLevelsField(
        label=_("Talen van de hulpvraag"), rows=3,
        help_text=_("Wat zorgvrager en mantelzorger spreken. Leeg: de talen hierboven."))
    background_consent = forms.BooleanField(
        label=_("Toestemming om de genoemde achtergrond vast te leggen"), required=False)
    interests = TagsField(label=_("Interesses"), required=False,
                          help_text=_("Vrije woorden, gescheiden door komma's: wandelen, "
                                      "muziek."))
    received_on = forms.DateField(label=_("Binnengekomen op"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"))

    class Meta:
        model = HelpRequest
        fields = ["activities", "slots", "frequency", "commitment", "postcode", "interests",
                  "profile_sought", "culture_preference", "background", "gender_preference",
                  "practical_wishes", "boundaries", "urgency", "description", "source",
                  "referrer_contact", "reference"]
        widgets = {
            "slots": SlotTableWidget,
            "culture_preference": forms.RadioSelect,
            "gender_preference": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "profile_sought": forms.Textarea(attrs={"rows": 2}),
            "practical_wishes": forms.Textarea(attrs={"rows": 2}),
            "boundaries": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "profile_sought": _("Wat voor vrijwilliger past hier? Bijvoorbeeld: rustig, "
                                "houdt van wandelen, heeft ervaring met dementie."),
            "boundaries": _("Welke taken wel en welke niet (bijvoorbeeld geen persoonlijke "
                            "verzorging)."),
            "reference": _("Leeg laten: Koppel maakt er een (REQ-0001)."),
            "postcode": _("Waar de hulp nodig is, meestal het adres van de zorgvrager."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        instance = self.instance
        self.fields["reference"].required = False
        self.fields["postcode"].required = True
        for name in ("frequency", "commitment"):
            self.fields[name].choices = [("", _("nog niet bekend"))] + list(
                self.fields[name].choices)[1:]
        if instance.pk:
            self.fields["languages"].initial = [(row.language, row.level_code)
                                                for row in instance.languages.all()]
            self.fields["languages"].widget.rows = max(3, len(self.fields["languages"].initial)
                                                       + 1)
            self.fields["background_consent"].initial = bool(instance.background_consent_at)
            self.fields["received_on"].initial = timezone.localdate(instance.received_at)
            self.fields["languages"].help_text = ""
        else:
            self.fields["received_on"].initial = timezone.localdate()
        _bootstrap(self)

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean_reference(self):
        reference = (self.cleaned_data.get("reference") or "").strip()
        if reference:
            taken = HelpRequest.objects.filter(organisation=self.organisation,
                                               reference=reference)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(_("Het kenmerk %(reference)s bestaat al.")
                                            % {"reference": reference})
        elif self.instance.pk:
            raise forms.ValidationError(_("Een bestaande hulpvraag houdt haar kenmerk."))
        return reference

    def clean_received_on(self):
        day = self.cleaned_data.get("received_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("background") and not data.get("background_consent"):
            self.add_error("background_consent", _(
                "Vink toestemming aan, of laat de achtergrond leeg: zonder toestemming "
                "bewaren we die niet."))
        if (data.get("culture_preference") == CulturePreference.SAME_BACKGROUND
                and not data.get("background")):
            self.add_error("background", _(
                "Noteer welke achtergrond (met toestemming) als de wens 'dezelfde "
                "achtergrond' is; anders kan de matchmaker er niets mee."))
        return data

    def received_at(self):
        """The moment the request came in: kept when the day did not change, now for
        today, otherwise nine o'clock that morning."""
        day = self.cleaned_data.get("received_on")
        current = self.instance.received_at if self.instance.pk else None
        if current and (day is None or day == timezone.localdate(current)):
            return current
        if day is None or day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.combine(day, time(9, 0)))


class IntakeForm(forms.Form):
    """The choices of the intake page around the three parts."""

    NEXT_STEPS = [
        (HelpRequest.Status.NEW, _("Nog niet compleet: status 'nieuw'")),
        (HelpRequest.Status.INTAKE_DONE, _("Intake afgerond")),
        (HelpRequest.Status.MATCHING, _("Intake afgerond en meteen een vrijwilliger zoeken")),
    ]
    caregiver = forms.IntegerField(required=False, widget=forms.HiddenInput)
    recipient = forms.CharField(required=False)
    next_status = forms.ChoiceField(label=_("Na opslaan"), choices=NEXT_STEPS,
                                    initial=HelpRequest.Status.INTAKE_DONE,
                                    widget=forms.RadioSelect)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        _bootstrap(self)

    def clean_caregiver(self):
        pk = self.cleaned_data.get("caregiver")
        if pk is None:
            return None
        caregiver = Caregiver.objects.filter(organisation=self.organisation, erased_at=None,
                                             pk=pk).first()
        if caregiver is None:
            raise forms.ValidationError(_("Deze mantelzorger bestaat niet (meer)."))
        return caregiver

    def clean(self):
        data = super().clean()
        choice = (data.get("recipient") or "").strip()
        caregiver = data.get("caregiver")
        data["existing_recipient"] = None
        if choice not in {"", "new", "none"}:
            recipient = None
            if caregiver and choice.isdigit():
                recipient = caregiver.recipients.filter(pk=int(choice), erased_at=None).first()
            if recipient is None:
                self.add_error("recipient", _("Kies een zorgvrager uit de lijst."))
            data["existing_recipient"] = recipient
        return data


# --- partners and referrals -------------------------------------------------------------


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["name", "activities", "area", "contact_person", "email", "phone", "website",
                  "how_to_refer", "active"]
        widgets = {"how_to_refer": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Naam van de organisatie")
        _bootstrap(self)


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partnerorganisatie"), queryset=Partner.objects.none(),
                                     widget=forms.RadioSelect, empty_label=None)
    reason = forms.CharField(label=_("Reden van doorverwijzen"),
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Bijvoorbeeld: de hulpvraag is zwaarder dan een "
                                         "vrijwilliger kan dragen."))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        _bootstrap(self)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=HelpRequest.Status.choices)
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=1000)


class ImportUploadForm(forms.Form):
    # An empty file is reported by the CSV reader, like for the command.
    file = forms.FileField(label=_("CSV-bestand met hulpvragen"), allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_csv_upload(upload)
        return upload
