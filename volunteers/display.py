"""A volunteer's profile as readable sections (label, value), one per wizard step, for the
confirm step, Mijn Koppel and the coordinator's detail page alike."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.vocabulary import Activity, Motivation, slot_label

from .models import Volunteer
from .selectors import volunteer_languages_display
from .steps import PROFILE_STEPS


@dataclass
class Section:
    key: str
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    url: str = ""


def _labels(codes, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels[code]) for code in codes) or "—"


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def profile_sections(volunteer: Volunteer, *, steps=PROFILE_STEPS, staff=False) -> list[Section]:
    """`staff=True` titles the sections as coordinators call them, not as the wizard does."""
    v = volunteer
    not_given = _("niet ingevuld")
    rows = {
        "about": [
            (_("Naam"), v.full_name),
            (_("Telefoon"), v.phone or not_given),
            (_("Postcode"), (v.postcode or not_given) + (
                "" if v.latitude is not None or not v.postcode
                else " " + _("(deze postcode kennen we nog niet; de afstand is onbekend)"))),
            (_("Reisafstand"), _("tot %(km)s km") % {"km": v.max_distance_km}),
            (_("Gender"), v.get_gender_display() or not_given),
            (_("Geboortejaar"), str(v.birth_year) if v.birth_year else not_given),
        ],
        "languages": [
            (lang["name"].capitalize(), str(lang["level_label"]))
            for lang in volunteer_languages_display(v)
        ] or [(_("Talen"), not_given)],
        "availability": [
            (_("Dagdelen"), ", ".join(slot_label(slot) for slot in v.slots) or not_given),
            (_("Uren per week"), str(v.hours_per_week) if v.hours_per_week else not_given),
            (_("Hoe lang"), v.get_commitment_display() or not_given),
        ],
        "activities": [
            (_("Wat ik graag doe"), _labels(v.activities, Activity.choices)),
            (_("Interesses"), ", ".join(v.interests) or not_given),
            (_("Waarom"), _labels(v.motivations, Motivation.choices)),
        ],
        "background": [
            (_("Culturele achtergrond"),
             (v.background + " " + _("(toestemming gegeven op %(date)s)")
              % {"date": date_format(v.background_consent_at, "j F Y")})
             if v.has_background_consent and v.background else _("niet bewaard")),
            (_("Training cultuursensitief werken"), _yes_no(v.intercultural_training)),
        ],
        "contact": [
            (_("Liefst contact via"), v.get_contact_channel_display()),
            (_("Herinneringen"), _yes_no(v.reminders)),
        ],
    }
    return [Section(key=step.key, title=str(step.staff_label if staff else step.label),
                    rows=rows[step.key]) for step in steps if step.key in rows]
