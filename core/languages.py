"""Languages as ISO 639-1 codes, or ISO 639-3 where no two-letter code exists (`rif`).

A code is valid when CLDR knows it; names come from CLDR (through Babel) in the language of
the page, so every language has a proper Dutch and English name without a table of our own.
"""

import re
from functools import cache

from babel import Locale
from django.utils.translation import get_language

# Shown first in pickers: the languages the seeds name, then the rest alphabetically.
COMMON_LANGUAGES = (
    "nl", "en", "ar", "tr", "rif", "zgh", "ti", "uk", "pl", "so", "fa", "prs", "ps", "ku",
    "am", "ru", "ro", "bg", "es", "fr", "de", "pap", "srn", "zh", "ur", "hi",
)
_CODE = re.compile(r"^[a-z]{2,3}$")


@cache
def _cldr_names(locale: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale).languages
    except (ValueError, LookupError):
        names = Locale("en").languages
    return {code: name for code, name in names.items() if _CODE.match(code)}


def is_valid_language(code: str) -> bool:
    return code in _cldr_names("en") or code == "prs"


def language_name(code: str, locale: str | None = None) -> str:
    locale = (locale or get_language() or "nl").replace("-", "_")
    names = _cldr_names(locale)
    if code == "prs":  # Dari has no CLDR name of its own
        return {"nl": "Dari", "en": "Dari"}.get(locale[:2], "Dari")
    return names.get(code) or _cldr_names("en").get(code) or code


def language_choices(locale: str | None = None) -> list[tuple[str, str]]:
    locale = locale or get_language() or "nl"
    names = _cldr_names(locale.replace("-", "_"))
    common = [(code, language_name(code, locale)) for code in COMMON_LANGUAGES]
    rest = sorted(
        ((code, name) for code, name in names.items() if code not in COMMON_LANGUAGES),
        key=lambda item: item[1].lower(),
    )
    return common + rest
