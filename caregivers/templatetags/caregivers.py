"""Labels for codes in the caregivers' templates."""

from django import template
from django.utils.translation import gettext as _

from core.languages import language_name
from core.vocabulary import Activity, Level, slot_label

register = template.Library()

STATUS_BADGES = {
    "new": "text-bg-warning",
    "intake_done": "text-bg-info",
    "matching": "text-bg-primary",
    "matched": "text-bg-success",
    "closed": "text-bg-secondary",
    "referred": "text-bg-light border",
    "withdrawn": "text-bg-light border",
}


@register.filter
def language_label(code: str) -> str:
    return language_name(code)


@register.filter
def slot_labels(slots) -> str:
    return ", ".join(slot_label(slot) for slot in slots or [])


@register.filter
def activity_labels(codes) -> str:
    labels = dict(Activity.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-light")


@register.filter
def waiting_label(days) -> str:
    if days is None:
        return "—"
    if days == 0:
        return _("vandaag")
    if days == 1:
        return _("1 dag")
    return _("%(n)s dagen") % {"n": days}


@register.filter
def level_short(language_row) -> str:
    """"B1" for a level, "moedertaal" for a mother tongue (the long labels explain levels)."""
    code = language_row.level_code
    return str(Level(code).label) if code == Level.NATIVE else code
