"""What a volunteer or caregiver is told about a match, and what they are not (AVG: only what
someone needs before saying yes; addresses and contact details only once both said yes)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.languages import language_name
from core.vocabulary import Activity, slot_label

from .models import Match

BOTH_SAID_YES = (Match.Status.CAREGIVER_ACCEPTED, Match.Status.INTRODUCTION_PLANNED,
                 Match.Status.ACTIVE)


@dataclass
class RequestSummary:
    rows: list = field(default_factory=list)      # (label, value) before anyone said yes
    contact: list = field(default_factory=list)   # (label, value) once both said yes


def _activities(codes) -> str:
    labels = dict(Activity.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def request_summary_for_volunteer(match: Match) -> RequestSummary:
    request = match.request
    summary = RequestSummary()
    summary.rows.append((_("Soort hulp"), _activities(request.activities)))
    if request.slots:
        summary.rows.append((_("Wanneer"), ", ".join(slot_label(s) for s in request.slots)))
    if request.frequency:
        summary.rows.append((_("Hoe vaak"), request.get_frequency_display()))
    if request.commitment:
        summary.rows.append((_("Hoe lang"), request.get_commitment_display()))
    if request.postcode:
        # The neighbourhood (the four digits), never the address before both said yes.
        summary.rows.append((_("Buurt"), request.postcode[:4]))
    languages = [language_name(lang.language) for lang in request.languages.all()]
    if languages:
        summary.rows.append((_("Talen van het gezin"), ", ".join(languages)))
    if request.boundaries:
        summary.rows.append((_("Afspraken: wat wel en wat niet"), request.boundaries))
    if match.status in BOTH_SAID_YES:
        recipient, caregiver = request.recipient, request.caregiver
        if recipient is not None:
            summary.contact.append((_("Voor wie"), recipient.name))
        summary.contact.append((_("Mantelzorger"), caregiver.name))
        if caregiver.consent_share_contact_at:
            if caregiver.phone:
                summary.contact.append((_("Telefoon"), caregiver.phone))
            if caregiver.email:
                summary.contact.append((_("E-mail"), caregiver.email))
    return summary
