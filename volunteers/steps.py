"""The signup wizard as a list of step objects (after pretix's checkout flow).

A step knows its form, its template and how to save; the wizard view only walks the list.
Mijn Koppel and the coordinator's edit pages reuse the same steps to change one part of a
profile, so a rule lives in one place. `Volunteer.signup_step` is where a volunteer resumes.
"""

from django.utils.translation import gettext_lazy as _

from . import forms, services
from .models import Volunteer


class Step:
    key = ""
    label = ""  # short, for the progress indicator (speaks to the volunteer)
    staff_label = ""  # the same part of a profile, as coordinators call it
    title = ""
    intro = ""
    form_class = None
    editable_by_staff = True

    @property
    def template(self) -> str:
        return f"volunteers/steps/{self.key}.html"

    def get_form(self, *, volunteer: Volunteer | None, data=None):
        initial = self.form_class.initial_for(volunteer) if volunteer is not None else None
        return self.form_class(data, initial=initial, volunteer=volunteer)

    def is_valid(self, form) -> bool:
        return form.is_valid()

    def save(self, *, form, volunteer: Volunteer, request=None) -> list[str]:
        """Write the form; return the names of the fields that changed (for the audit)."""
        services.volunteer_update(volunteer=volunteer, fields=form.values())
        return volunteer.changed_fields


class AboutStep(Step):
    key = "about"
    label = _("Over jou")
    staff_label = _("Persoonlijke gegevens")
    title = _("Over jou")
    intro = _("Hoe heet je en waar woon je ongeveer? Dan zoeken we iemand bij jou in de buurt.")
    form_class = forms.AboutForm

    def get_form(self, *, volunteer, data=None):
        initial = self.form_class.initial_for(volunteer) if volunteer is not None else None
        if volunteer is None and data is None:
            initial = {"max_distance_km": 10}
        return self.form_class(data, initial=initial, volunteer=volunteer)


class LanguagesStep(Step):
    key = "languages"
    label = _("Talen")
    staff_label = _("Talen")
    title = _("Welke talen spreek je?")
    intro = _("Kies elke taal die je spreekt, en hoe goed. Nederlands nog aan het leren? "
              "Geen probleem: ook dan kun je veel betekenen, en je oefent meteen.")

    def get_form(self, *, volunteer, data=None):
        add_row = data is not None and "add_language" in data
        return forms.language_formset(data, volunteer=volunteer, add_row=add_row)

    def is_valid(self, form) -> bool:
        return form.is_bound and form.is_valid()

    def save(self, *, form, volunteer, request=None) -> list[str]:
        changed = services.volunteer_set_languages(volunteer=volunteer, languages=form.languages)
        return ["languages"] if changed else []


class AvailabilityStep(Step):
    key = "availability"
    label = _("Wanneer")
    staff_label = _("Beschikbaarheid")
    title = _("Wanneer kun je?")
    intro = _("Zet een vinkje bij de dagdelen waarop je meestal kunt. Het hoeft niet elke week "
              "precies zo te zijn.")
    form_class = forms.AvailabilityForm


class ActivitiesStep(Step):
    key = "activities"
    label = _("Wat je graag doet")
    staff_label = _("Activiteiten en motivatie")
    title = _("Wat doe je graag, en waarom?")
    intro = _("Zo vinden we iemand met wie het klikt. Kies gerust meer dan één.")
    form_class = forms.ActivitiesForm


class BackgroundStep(Step):
    key = "background"
    label = _("Achtergrond")
    staff_label = _("Culturele achtergrond")
    title = _("Je culturele achtergrond (niet verplicht)")
    intro = _("Sommige mensen voelen zich prettiger bij iemand met dezelfde achtergrond. Wil "
              "je die van jou vertellen? Dat mag, maar het hoeft niet. We gebruiken het alleen "
              "als je daar toestemming voor geeft.")
    form_class = forms.BackgroundForm
    editable_by_staff = False  # consent is the volunteer's own to give

    def save(self, *, form, volunteer, request=None) -> list[str]:
        data = form.cleaned_data
        services.volunteer_set_background(volunteer=volunteer, background=data["background"],
                                          consent=data["consent"])
        changed = list(volunteer.changed_fields)
        services.volunteer_update(volunteer=volunteer, fields={
            "intercultural_training": data["intercultural_training"]})
        return changed + volunteer.changed_fields


class ContactStep(Step):
    key = "contact"
    label = _("Contact")
    staff_label = _("Contactvoorkeur")
    title = _("Hoe houden we contact?")
    intro = _("We passen ons aan jou aan.")
    form_class = forms.ContactForm


class ConfirmStep(Step):
    key = "confirm"
    label = _("Bevestigen")
    title = _("Klopt alles?")
    intro = _("Kijk nog even of alles goed is. Je kunt alles later ook nog veranderen in Mijn "
              "Koppel.")
    form_class = forms.ConfirmForm
    editable_by_staff = False

    def get_form(self, *, volunteer, data=None):
        return self.form_class(data, volunteer=volunteer)

    def save(self, *, form, volunteer, request=None) -> list[str]:
        services.volunteer_confirm_signup(volunteer=volunteer)
        return []


STEPS = [AboutStep(), LanguagesStep(), AvailabilityStep(), ActivitiesStep(), BackgroundStep(),
         ContactStep(), ConfirmStep()]
STEPS_BY_KEY = {step.key: step for step in STEPS}
PROFILE_STEPS = [step for step in STEPS if step.key != "confirm"]
assert tuple(STEPS_BY_KEY) == services.SIGNUP_STEPS


def step_index(key: str) -> int:
    return services.SIGNUP_STEPS.index(key)


def progress(current: str, volunteer: Volunteer | None):
    """The progress indicator: the account (already made) and every step with its state."""
    reached = step_index(volunteer.signup_step) if volunteer and volunteer.signup_step else 0
    if volunteer is not None and not volunteer.signup_step:
        reached = len(STEPS) - 1
    items = []
    for index, step in enumerate(STEPS):
        items.append({
            "step": step, "number": index + 2,
            "done": index < reached and step.key != current,
            "current": step.key == current,
            "reachable": index <= reached,
        })
    return items
