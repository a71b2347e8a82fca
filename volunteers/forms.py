"""Forms of the signup wizard (reused by Mijn Koppel and the coordinator's edit pages),
the coordinator's search and the import upload. Forms only validate; services write."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import COMMON_LANGUAGES, language_choices
from core.postcodes import INVALID_POSTCODE, normalise_postcode, postcode_location
from core.slots import ALL_SLOTS
from core.uploads import validate_csv_upload
from core.vocabulary import (
    LEVEL_ORDER,
    Activity,
    Commitment,
    ContactChannel,
    DayPart,
    Gender,
    Level,
    Motivation,
    Weekday,
    slot_label,
)

from . import rules
from .integration import GOAL_LEVELS, IntegrationRoute, PracticeWay
from .models import Volunteer

LEVEL_CHOICES = [(str(LEVEL_ORDER[code]), label) for code, label in Level.choices]


def grouped_language_choices():
    """The languages the seeds name first, then every other language (CLDR names)."""
    choices = language_choices()
    common = choices[:len(COMMON_LANGUAGES)]
    rest = choices[len(COMMON_LANGUAGES):]
    return [("", _("Kies een taal")), (_("Veel gesproken"), common), (_("Alle talen"), rest)]


class AboutForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    phone = forms.CharField(
        label=_("Telefoonnummer"), max_length=30, required=False,
        help_text=_("Niet verplicht. Handig als je liever belt of appt."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}))
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10,
        help_text=_("Zo zoeken we iemand bij jou in de buurt. Bijvoorbeeld 3511 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "w-auto",
                                      "size": "8", "dir": "ltr"}))
    max_distance_km = forms.IntegerField(
        label=_("Hoe ver wil je reizen? (km)"), min_value=rules.MIN_DISTANCE_KM,
        max_value=rules.MAX_DISTANCE_KM, initial=rules.DEFAULT_DISTANCE_KM,
        help_text=_("Lopend is dat zo'n 2 km, op de fiets 5 tot 10 km."),
        widget=forms.NumberInput(attrs={"class": "w-auto"}))
    gender = forms.ChoiceField(
        label=_("Gender"), required=False,
        choices=[("", _("Zeg ik liever niet")), *Gender.choices],
        help_text=_("Niet verplicht. Sommige mensen vragen om een vrouw of een man."))
    birth_year = forms.IntegerField(
        label=_("Geboortejaar"), required=False,
        help_text=_("Niet verplicht."),
        widget=forms.NumberInput(attrs={"class": "w-auto", "inputmode": "numeric"}))
    newcomer = forms.BooleanField(
        label=_("Ik ben nieuw in Nederland, of ik doe een inburgeringstraject."),
        required=False,
        help_text=_("Niet verplicht. Dan vragen we in een extra stap naar je inburgering. Zo "
                    "kunnen we je goed helpen. Haal je het vinkje later weg? Dan wissen we die "
                    "antwoorden."))

    def __init__(self, *args, volunteer=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_distance_km"].error_messages.update({
            "min_value": rules.invalid_distance(), "max_value": rules.invalid_distance()})
        if staff:  # joining the newcomer track (or leaving it) is the volunteer's own choice
            del self.fields["newcomer"]

    def clean_phone(self):
        phone = rules.normalise_phone(self.cleaned_data["phone"])
        if phone and not rules.is_valid_phone(phone):
            raise forms.ValidationError(rules.INVALID_PHONE)
        return phone

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError(INVALID_POSTCODE)
        return postcode

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        low, high = rules.birth_year_range(timezone.localdate())
        if year is not None and not low <= year <= high:
            raise forms.ValidationError(rules.invalid_birth_year(timezone.localdate()))
        return year

    @property
    def postcode_known(self) -> bool:
        return postcode_location(self.cleaned_data.get("postcode", "")) is not None

    @classmethod
    def initial_for(cls, volunteer):
        initial = {name: getattr(volunteer, name) for name in cls.base_fields
                   if name != "newcomer"}
        initial["newcomer"] = volunteer.is_newcomer
        return initial

    def values(self) -> dict:
        """The volunteer's own fields (the newcomer choice is saved by the step)."""
        data = dict(self.cleaned_data)
        data.pop("newcomer", None)
        data["gender"] = data["gender"] or ""
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Taal"), required=False)
    level = forms.ChoiceField(label=_("Niveau"), required=False,
                              choices=[("", _("Kies een niveau")), *LEVEL_CHOICES])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = grouped_language_choices()

    def clean(self):
        data = super().clean()
        if data.get("language") and not data.get("level"):
            self.add_error("level", _("Kies hoe goed je deze taal spreekt."))
        if data.get("level") and not data.get("language"):
            self.add_error("language", _("Kies een taal bij dit niveau."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Weghalen")

    def clean(self):
        if any(self.errors):
            return
        languages = {}
        for form in self.forms:
            code = form.cleaned_data.get("language")
            if not code or form.cleaned_data.get("DELETE"):
                continue
            if code in languages:
                raise forms.ValidationError(_("Je hebt een taal twee keer gekozen."))
            languages[code] = int(form.cleaned_data["level"])
        if not languages:
            raise forms.ValidationError(_("Kies minstens één taal die je spreekt."))
        self.languages = languages


LANGUAGES_PREFIX = "languages"
MAX_LANGUAGES = 20


def _language_formset_class(extra: int):
    return forms.formset_factory(LanguageForm, formset=BaseLanguageFormSet, extra=extra,
                                 can_delete=True, max_num=MAX_LANGUAGES, absolute_max=30)


def language_formset(data=None, *, volunteer=None, add_row=False):
    """The volunteer's languages plus an empty row or two. Without JavaScript, "add a
    language" posts the form and gets it back as typed, with one more empty row."""
    prefix = LANGUAGES_PREFIX
    saved = []
    if volunteer is not None:
        saved = [{"language": lang.language, "level": str(lang.level)}
                 for lang in volunteer.languages.order_by("-level", "language")]
    if data is not None and not add_row:
        return _language_formset_class(0)(data, initial=saved, prefix=prefix)
    if data is not None:
        try:
            total = min(int(data.get(f"{prefix}-TOTAL_FORMS") or 0), MAX_LANGUAGES)
        except ValueError:
            total = 0
        rows = [{"language": data.get(f"{prefix}-{i}-language", ""),
                 "level": data.get(f"{prefix}-{i}-level", "")} for i in range(total)]
        rows = [row for row in rows if row["language"] or row["level"]]
        return _language_formset_class(1)(initial=rows, prefix=prefix)
    rows = saved or [{"language": "nl", "level": ""}]  # most people speak some Dutch
    return _language_formset_class(EMPTY_LANGUAGE_ROWS)(initial=rows, prefix=prefix)


EMPTY_LANGUAGE_ROWS = 2


NEWCOMER_TEXT_LENGTH = 1000


class NewcomerForm(forms.Form):
    """The newcomer track: the questions of seed 004's "formulier kennis maken"."""

    route = forms.ChoiceField(
        label=_("Welke inburgeringsroute volg je?"), choices=IntegrationRoute.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies je route. Weet je het niet? Kies dan de laatste.")})
    dutch_level = forms.ChoiceField(
        label=_("Hoe goed spreek je nu Nederlands?"),
        choices=[("", _("Kies een niveau")), *[(str(LEVEL_ORDER[code]), label)
                                               for code, label in GOAL_LEVELS]],
        error_messages={"required": _("Kies hoe goed je nu Nederlands spreekt.")})
    dutch_level_goal = forms.ChoiceField(
        label=_("Welk niveau wil je halen?"), required=False,
        choices=[("", _("Weet ik nog niet")), *GOAL_LEVELS],
        help_text=_("Bij de B1-route is dat meestal B1. Bij de Z-route is dat A1."))
    consulent_name = forms.CharField(
        label=_("Naam van je consulent"), required=False, max_length=150,
        help_text=_("Niet verplicht. Je consulent is je contactpersoon bij de gemeente voor je "
                    "inburgering."))
    consulent_contact = forms.CharField(
        label=_("Telefoon of e-mail van je consulent"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr"}))
    consulent_consent = forms.BooleanField(
        label=_("Ja, jullie mogen mijn consulent vertellen hoe het gaat met mijn "
                "vrijwilligerswerk."), required=False,
        help_text=_("Niet verplicht. Je kunt dit altijd weer uitzetten in Mijn Koppel."))
    learning_goals = forms.CharField(
        label=_("Wat wil je leren bij je vrijwilligerswerk?"), required=False,
        max_length=NEWCOMER_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: beter Nederlands praten, in een team werken, ervaring voor "
                    "een baan in de zorg."))
    practice_ways = forms.MultipleChoiceField(
        label=_("Hoe wil je Nederlands oefenen?"), required=False,
        choices=PracticeWay.choices, widget=forms.CheckboxSelectMultiple)
    practice_notes = forms.CharField(
        label=_("Of zeg het in je eigen woorden"), required=False,
        max_length=NEWCOMER_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    future = forms.CharField(
        label=_("Hoe ziet je toekomst eruit? Wat wil je later doen?"), required=False,
        max_length=NEWCOMER_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: een opleiding doen, werken als kok, een eigen bedrijf."))

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, volunteer):
        dutch = volunteer.languages.filter(language="nl").values_list("level", flat=True).first()
        initial = {"dutch_level": str(dutch) if dutch and dutch < LEVEL_ORDER["native"] else ""}
        profile = volunteer.newcomer if volunteer.is_newcomer else None
        if profile is not None:
            initial.update({name: getattr(profile, name) for name in (
                "route", "dutch_level_goal", "consulent_name", "consulent_contact",
                "learning_goals", "practice_ways", "practice_notes", "future")})
            initial["consulent_consent"] = profile.has_consulent_consent
        return initial

    def clean(self):
        data = super().clean()
        for name in ("consulent_name", "consulent_contact", "learning_goals", "practice_notes",
                     "future"):
            data[name] = (data.get(name) or "").strip()
        if data.get("consulent_consent") and not data["consulent_contact"]:
            self.add_error("consulent_contact", _(
                "Wie is je consulent? Vul een telefoonnummer of e-mailadres in. Of zet het "
                "vinkje voor toestemming uit."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "route": data["route"], "dutch_level_goal": data["dutch_level_goal"],
            "consulent_name": data["consulent_name"],
            "consulent_contact": data["consulent_contact"],
            "learning_goals": data["learning_goals"],
            "practice_ways": [c for c in PracticeWay.values if c in data["practice_ways"]],
            "practice_notes": data["practice_notes"], "future": data["future"],
        }


class AvailabilityForm(forms.Form):
    slots = forms.MultipleChoiceField(
        label=_("Wanneer kun je meestal?"), choices=[(slot, slot) for slot in ALL_SLOTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één dagdeel waarop je kunt.")})
    hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week?"), min_value=rules.MIN_HOURS, max_value=rules.MAX_HOURS,
        help_text=_("Een schatting is goed. Veel vrijwilligers helpen 2 tot 4 uur per week."),
        widget=forms.NumberInput(attrs={"class": "w-auto"}))
    commitment = forms.ChoiceField(label=_("Voor hoe lang?"), choices=Commitment.choices,
                                   widget=forms.RadioSelect)

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        message = rules.invalid_hours()
        self.fields["hours_per_week"].error_messages.update(
            {"min_value": message, "max_value": message})

    @classmethod
    def initial_for(cls, volunteer):
        return {"slots": volunteer.slots, "hours_per_week": volunteer.hours_per_week,
                "commitment": volunteer.commitment}

    def grid(self):
        """Rows of the weekday x day-part table: (weekday label, [(slot, label, checked)])."""
        chosen = set(self["slots"].value() or [])
        return [
            (label, [(f"{day}:{part}", slot_label(f"{day}:{part}"), f"{day}:{part}" in chosen)
                     for part in DayPart.values])
            for day, label in Weekday.choices
        ]

    def day_parts(self):
        return DayPart.choices

    def values(self) -> dict:
        slots = set(self.cleaned_data["slots"])
        return {"slots": [slot for slot in ALL_SLOTS if slot in slots],
                "hours_per_week": self.cleaned_data["hours_per_week"],
                "commitment": self.cleaned_data["commitment"]}


class ActivitiesForm(forms.Form):
    activities = forms.MultipleChoiceField(
        label=_("Wat doe je graag?"), choices=Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één ding dat je graag doet.")})
    interests = forms.CharField(
        label=_("Waar houd je van?"), required=False, max_length=500,
        help_text=_("Een paar woorden, met komma's ertussen. Bijvoorbeeld: wandelen, koken, "
                    "voetbal, schaken."))
    motivations = forms.MultipleChoiceField(
        label=_("Waarom wil je vrijwilliger worden?"), choices=Motivation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één reden. Er zijn geen foute antwoorden.")})

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, volunteer):
        return {"activities": volunteer.activities, "motivations": volunteer.motivations,
                "interests": ", ".join(volunteer.interests)}

    def clean_interests(self):
        tags = rules.split_interests(self.cleaned_data["interests"])
        if len(tags) > rules.MAX_INTERESTS:
            raise forms.ValidationError(_("Dat zijn er veel! Kies er hoogstens %(max)s.")
                                        % {"max": rules.MAX_INTERESTS})
        too_long = [tag for tag in tags if len(tag) > rules.MAX_INTEREST_LENGTH]
        if too_long:
            raise forms.ValidationError(_("Houd elk woord kort (hoogstens %(max)s tekens): "
                                          "%(tag)s") % {"max": rules.MAX_INTEREST_LENGTH,
                                                        "tag": too_long[0]})
        return tags

    def values(self) -> dict:
        return {"activities": [c for c in Activity.values if c in self.cleaned_data["activities"]],
                "motivations": [c for c in Motivation.values
                                if c in self.cleaned_data["motivations"]],
                "interests": self.cleaned_data["interests"]}


class BackgroundForm(forms.Form):
    background = forms.CharField(
        label=_("Je culturele achtergrond"), required=False, max_length=rules.MAX_BACKGROUND_LENGTH,
        help_text=_("In je eigen woorden, bijvoorbeeld Marokkaans, Surinaams-Hindoestaans of "
                    "Fries."))
    consent = forms.BooleanField(
        label=_("Ja, Koppel mag mijn culturele achtergrond bewaren en gebruiken om een goede "
                "koppeling te maken."), required=False)
    intercultural_training = forms.BooleanField(
        label=_("Ik heb de training cultuursensitief werken gevolgd."), required=False)

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.had_consent = bool(volunteer and volunteer.has_background_consent)

    @classmethod
    def initial_for(cls, volunteer):
        return {"background": volunteer.background, "consent": volunteer.has_background_consent,
                "intercultural_training": volunteer.intercultural_training}

    def clean(self):
        data = super().clean()
        # Unticking an earlier consent is a withdrawal (the background is then erased);
        # typing a background without ever consenting is a question, not a silent loss.
        if data.get("background") and not data.get("consent") and not self.had_consent:
            self.add_error("consent", _(
                "Je hebt je achtergrond ingevuld, maar geen toestemming gegeven. Zet een vinkje "
                "als we het mogen bewaren, of maak het veld leeg."))
        return data

    @property
    def withdrawn(self) -> bool:
        return self.had_consent and not self.cleaned_data.get("consent")


class ContactForm(forms.Form):
    contact_channel = forms.ChoiceField(label=_("Hoe wil je het liefst contact?"),
                                        choices=ContactChannel.choices, widget=forms.RadioSelect)
    reminders = forms.TypedChoiceField(
        label=_("Wil je herinneringen krijgen, bijvoorbeeld een dag voor een afspraak?"),
        choices=[("yes", _("Ja, graag")), ("no", _("Nee, liever niet"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect)

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer

    @classmethod
    def initial_for(cls, volunteer):
        return {"contact_channel": volunteer.contact_channel,
                "reminders": "yes" if volunteer.reminders else "no"}

    def clean_contact_channel(self):
        channel = self.cleaned_data["contact_channel"]
        needs_phone = channel in {ContactChannel.PHONE, ContactChannel.WHATSAPP}
        if needs_phone and self.volunteer is not None and not self.volunteer.phone:
            raise forms.ValidationError(_(
                "Daarvoor hebben we je telefoonnummer nodig. Vul het in bij 'Over jou', of "
                "kies een andere manier."))
        return channel

    def values(self) -> dict:
        return dict(self.cleaned_data)


class ConfirmForm(forms.Form):
    privacy = forms.BooleanField(
        label=_("Ik heb de privacyverklaring gelezen en vind het goed dat Koppel mijn "
                "gegevens hiervoor gebruikt."),
        error_messages={"required": _("Zet een vinkje om je aanmelding af te ronden.")})

    def __init__(self, *args, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Pauze tot en met"),
        widget=forms.DateInput(attrs={"type": "date", "class": "w-auto"}, format="%Y-%m-%d"),
        help_text=_("Tot die dag vragen we je niet voor nieuwe koppelingen."))

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        if until < today:
            raise forms.ValidationError(_("Kies vandaag of een dag in de toekomst."))
        if until > today + timedelta(days=366):
            raise forms.ValidationError(_("Kies een dag binnen een jaar. Wil je langer stoppen? "
                                          "Neem dan contact op met je coördinator."))
        return until


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Zo weten we zeker dat jij het bent."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password


class ConfirmEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, wis de gegevens van deze vrijwilliger. Dit kan niet ongedaan worden."),
        error_messages={"required": _("Zet een vinkje om te bevestigen.")})


class ActivationForm(forms.Form):
    """Choosing a password after an invitation (Django's rules for passwords)."""

    password1 = forms.CharField(
        label=_("Kies een wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens. Niet alleen cijfers, en geen wachtwoord dat veel mensen "
                    "gebruiken."))
    password2 = forms.CharField(
        label=_("Hetzelfde wachtwoord nog een keer"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    privacy = ConfirmForm.base_fields["privacy"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        from django.contrib.auth import password_validation

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SearchForm(forms.Form):
    """The coordinator's filters (GET). Every field is optional."""

    q = forms.CharField(label=_("Zoek op naam of e-mail"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Taal"), required=False)
    min_level = forms.ChoiceField(label=_("Minstens niveau"), required=False,
                                  choices=[("", _("elk niveau")), *LEVEL_CHOICES])
    activity = forms.ChoiceField(label=_("Activiteit"), required=False,
                                 choices=[("", _("alle activiteiten")), *Activity.choices])
    slot = forms.ChoiceField(label=_("Beschikbaar op"), required=False)
    postcode = forms.CharField(label=_("Vanaf postcode"), required=False, max_length=10)
    km = forms.IntegerField(label=_("Binnen (km)"), required=False, min_value=1, max_value=200)
    commitment = forms.ChoiceField(label=_("Hoe lang"), required=False,
                                   choices=[("", _("maakt niet uit")), *Commitment.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("alle statussen")), *Volunteer.Status.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = grouped_language_choices()
        choices[0] = ("", _("alle talen"))
        self.fields["language"].choices = choices
        self.fields["slot"].choices = [("", _("elk moment"))] + [
            (slot, slot_label(slot)) for slot in ALL_SLOTS]

    def clean_postcode(self):
        text = self.cleaned_data["postcode"]
        if not text:
            return None
        postcode = normalise_postcode(text)
        if postcode is None:
            raise forms.ValidationError(INVALID_POSTCODE)
        location = postcode_location(postcode)
        if location is None:
            raise forms.ValidationError(_("Deze postcode kennen we niet, dus we kunnen geen "
                                          "afstand berekenen."))
        return location

    def clean(self):
        data = super().clean()
        if data.get("postcode") and not data.get("km"):
            self.add_error("km", _("Vul ook in binnen hoeveel kilometer."))
        if data.get("km") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("Vul ook een postcode in om vanaf te zoeken."))
        return data

    def search_kwargs(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q", ""), "language": data.get("language", ""),
            "min_level": int(data["min_level"]) if data.get("min_level") else None,
            "activity": data.get("activity", ""), "slot": data.get("slot", ""),
            "near": data.get("postcode") if data.get("km") else None,
            "km": data.get("km") if data.get("postcode") else None,
            "commitment": data.get("commitment", ""), "status": data.get("status", ""),
        }


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV-bestand"),
                           help_text=_("Komma's of puntkomma's, UTF-8, met een kopregel."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_csv_upload(upload)
        return upload
