"""What a valid volunteer profile looks like, shared by the signup forms and the CSV import,
so a value the portal refuses is refused by an import with the same words."""

import re

from django.utils.translation import gettext_lazy as _

from core.vocabulary import LEVEL_ORDER, Level

MIN_DISTANCE_KM, MAX_DISTANCE_KM, DEFAULT_DISTANCE_KM = 1, 100, 10
MIN_HOURS, MAX_HOURS = 1, 40
# Young people volunteer too (maatschappelijke stage); nobody is older than 110.
MIN_AGE, MAX_AGE = 12, 110
MAX_INTERESTS, MAX_INTEREST_LENGTH = 20, 40
MAX_BACKGROUND_LENGTH = 100

PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{6,25}$")

INVALID_PHONE = _("Geen geldig telefoonnummer. Gebruik cijfers, zoals 06 12345678 of +31 6 12345678.")


def invalid_distance() -> str:
    return _("Kies een afstand van %(min)s tot en met %(max)s km.") % {
        "min": MIN_DISTANCE_KM, "max": MAX_DISTANCE_KM}


def invalid_hours() -> str:
    return _("Kies een aantal uren van %(min)s tot en met %(max)s.") % {
        "min": MIN_HOURS, "max": MAX_HOURS}


def invalid_birth_year(today) -> str:
    low, high = birth_year_range(today)
    return _("Vul een geboortejaar tussen %(min)s en %(max)s in.") % {"min": low, "max": high}


def birth_year_range(today) -> tuple[int, int]:
    return today.year - MAX_AGE, today.year - MIN_AGE


def is_valid_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return bool(PHONE_RE.match(text)) and 6 <= digits <= 15


def normalise_phone(text: str) -> str:
    return " ".join(text.split())


def level_from_text(text: str) -> int | None:
    """'b1', 'B1', 'native', 'Native' -> ordinal; None for anything else."""
    cleaned = text.strip()
    code = cleaned.lower() if cleaned.lower() == Level.NATIVE else cleaned.upper()
    return LEVEL_ORDER.get(code)


def level_code(level: int) -> str:
    return Level.values[level - 1]


def clean_interests(tags) -> list[str]:
    """Free words as typed, without empty ones and without case-insensitive repeats."""
    result, seen = [], set()
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            result.append(tag)
    return result


def split_interests(text: str) -> list[str]:
    """What someone types in one box: 'wandelen, koken' or 'wandelen|koken'."""
    return clean_interests(re.split(r"[,|;\n]", text or ""))
