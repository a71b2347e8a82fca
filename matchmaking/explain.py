"""Words for the scoring's codes and sentences, in the language of the page (or of a
command: Dutch). The scoring returns Dutch msgids with coded values; this turns them into
text: "Spreekt %(language)s (%(level)s)" + {"language": "tr", "level": "native"}
-> "Spreekt Turks (moedertaal)"."""

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.languages import language_name
from core.vocabulary import Activity, Commitment, Motivation, slot_label

from .scoring import Reason

CRITERION_LABELS = {
    "motivation": _("Motivatie"),
    "language": _("Taal"),
    "culture": _("Cultuur"),
    "availability": _("Beschikbaarheid"),
    "distance": _("Afstand"),
    "activity": _("Soort hulp en interesses"),
    "capacity": _("Ruimte in uren"),
    "fairness": _("Wachttijd"),
}

EXCLUSION_LABELS = {
    "not_available": _("niet beschikbaar (gepauzeerd, in instroom of gestopt)"),
    "rejected_before": _("eerder afgewezen voor deze hulpvraag"),
    "no_capacity": _("geen uren meer vrij"),
    "gender_preference": _("past niet bij de wens voor gender"),
    "no_shared_language": _("geen gedeelde taal (beide minstens A2)"),
    "no_slot_overlap": _("niet beschikbaar op de gevraagde tijden"),
    "too_far": _("woont verder weg dan de eigen maximale afstand"),
}


def level_label(code: str) -> str:
    return gettext("moedertaal") if code == "native" else code


def _choice_label(choices, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _listing(items) -> str:
    return get_text_list([str(item) for item in items], gettext("en"))


def _number(value) -> str:
    return number_format(value, decimal_pos=None if float(value).is_integer() else 1)


def _render_param(name: str, value):
    if name == "language":
        return language_name(value)
    if name in ("level", "family_level"):
        return level_label(value)
    if name == "slots":
        return _listing(slot_label(slot) for slot in value)
    if name == "activity":
        return _choice_label(Activity, value).lower()
    if name == "activities":
        return _listing(_choice_label(Activity, a).lower() for a in value)
    if name == "motivation":
        return _choice_label(Motivation, value).lower()
    if name in ("commitment", "request_commitment"):
        return _choice_label(Commitment, value).lower()
    if name == "interests":
        return _listing(value)
    if isinstance(value, float):
        return _number(value)
    return value


# Words for codes per language, kept once made: a ranking renders a hundred sentences, and
# Django's gettext costs more than the scoring of a small organisation.
_WORDS: dict[tuple, str] = {}
WORDS_KEPT = 10_000


def _word(language: str, name: str, value):
    if isinstance(value, (int, float)):
        return _render_param(name, value)
    key = (language, name, tuple(value) if isinstance(value, list) else value)
    word = _WORDS.get(key)
    if word is None:
        if len(_WORDS) > WORDS_KEPT:   # free tags make the set open-ended: start afresh
            _WORDS.clear()
        word = _WORDS[key] = gettext(value) if name == "" else _render_param(name, value)
    return word


def render_reason(reason: Reason | tuple | list) -> str:
    """A Reason, or a stored [text, params] pair (a match's snapshot), as a sentence."""
    if isinstance(reason, Reason):
        text, params = reason.text, reason.params
    else:
        text, params = reason[0], reason[1]
    language = get_language()
    translated = _word(language, "", text)
    if not params:
        return translated
    return translated % {name: _word(language, name, value) for name, value in params.items()}


def reason_snapshot(reasons) -> list[list]:
    """Reasons as JSON (to keep with a match), to be rendered later in any language."""
    return [[r.text, dict(r.params)] for r in reasons]


def percent(value: float) -> int:
    return round(100 * float(value))
