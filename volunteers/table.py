"""The volunteer CSV format of ../shared/VOCABULARY.md ("CSV imports"), in one place: the
import reads these columns and the export writes them, so an export imports again."""

from .models import Volunteer
from .rules import level_code

COLUMNS = [
    "email", "first_name", "last_name", "phone", "postcode", "latitude", "longitude",
    "max_distance_km", "languages", "availability", "motivations", "activities", "commitment",
    "hours_per_week", "gender", "birth_year", "background", "background_consent",
    "intercultural_training", "interests", "status",
]
REQUIRED = {"email", "first_name", "postcode", "languages", "availability"}


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _number(value) -> str:
    return "" if value is None else str(value)


def volunteer_row(volunteer: Volunteer) -> list[str]:
    """One volunteer as a row of COLUMNS. Expects `languages` prefetched and `user` joined."""
    languages = sorted(volunteer.languages.all(), key=lambda lang: (-lang.level, lang.language))
    consent = volunteer.has_background_consent and bool(volunteer.background)
    return [
        volunteer.email,
        volunteer.first_name,
        volunteer.last_name,
        volunteer.phone,
        volunteer.postcode,
        _number(volunteer.latitude),
        _number(volunteer.longitude),
        _number(volunteer.max_distance_km),
        "|".join(f"{lang.language}:{level_code(lang.level)}" for lang in languages),
        "|".join(volunteer.slots),
        "|".join(volunteer.motivations),
        "|".join(volunteer.activities),
        volunteer.commitment,
        _number(volunteer.hours_per_week),
        volunteer.gender,
        _number(volunteer.birth_year),
        volunteer.background if consent else "",
        _yes_no(consent),
        _yes_no(volunteer.intercultural_training),
        "|".join(volunteer.interests),
        volunteer.status,
    ]
