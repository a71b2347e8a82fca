"""Template helpers of the matching pages: words for codes."""

from django import template

from core.languages import language_name as _language_name
from core.vocabulary import Activity, slot_label

from ..explain import level_label, render_reason

register = template.Library()


@register.filter
def reason(value) -> str:
    """A stored [msgid, params] reason (a match's snapshot) as a sentence."""
    return render_reason(value)


@register.filter
def activity_labels(codes) -> str:
    return ", ".join(str(Activity(code).label) for code in codes or [] if code in Activity.values)


@register.filter
def slot_labels(codes) -> str:
    return ", ".join(slot_label(code) for code in codes or [])


@register.filter
def language_level(language) -> str:
    """A *Language row as "Turks (moedertaal)"."""
    return f"{_language_name(language.language)} ({level_label(language.level_code)})"
