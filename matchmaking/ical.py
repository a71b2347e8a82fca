"""An iCalendar (RFC 5545) event for an introduction, for the volunteer's own calendar: as an
e-mail attachment and as a download in Mijn Koppel. Written by hand: one event needs no
library."""

from datetime import UTC, timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from .models import Match

INTRODUCTION_MINUTES = 60


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    while start < len(data):
        end = min(start + (75 if not parts else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:   # never split a character
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def introduction_ics(match: Match, *, language: str = "nl", now) -> bytes:
    with translation.override(language):
        summary = _("Kennismaking via %(organisation)s") % {"organisation": match.organisation.name}
        description = _("Kennismaking voor hulpvraag %(reference)s. Vragen? Neem contact op "
                        "met %(organisation)s.") % {"reference": match.request.reference,
                                                    "organisation": match.organisation.name}
    start = match.introduction_at
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Koppel//Kennismaking//NL",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:koppel-match-{match.pk}-introduction@koppel.local",
        # A re-planned introduction replaces the earlier event in the calendar.
        f"SEQUENCE:{match.transitions.filter(to_status=Match.Status.INTRODUCTION_PLANNED).count()}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(start)}",
        f"DTEND:{_stamp(start + timedelta(minutes=INTRODUCTION_MINUTES))}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(match.introduction_place)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
