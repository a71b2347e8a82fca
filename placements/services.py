"""Writes of duo placements and working agreements. Keyword-only, `now=` for time."""

from django.db import transaction
from django.utils import timezone

from journey.services import journey_record_event
from matchmaking.models import Match
from volunteers.models import Volunteer

from .models import MatchSupporter, WorkingAgreement
from .signals import placement_changed


def _now(now):
    return now or timezone.now()


def _by(by):
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def supporter_set(*, match: Match, kind: str, until, by, volunteer: Volunteer | None = None,
                  name: str = "", email: str = "", phone: str = "", note: str = "",
                  now=None) -> MatchSupporter:
    """Add or change the match's supporter: a volunteer of the same organisation, or a key
    person from the newcomer's community (name and contact). Both volunteers' journeys get
    a "duo" event."""
    now = _now(now)
    if kind == MatchSupporter.Kind.VOLUNTEER:
        if volunteer is None or volunteer.organisation_id != match.organisation_id \
                or volunteer.pk == match.volunteer_id:
            raise ValueError("the supporter must be another volunteer of the organisation")
        name = email = phone = ""
    else:
        volunteer = None
    supporter, _created = MatchSupporter.objects.update_or_create(
        match=match, defaults={
            "organisation_id": match.organisation_id, "kind": kind, "volunteer": volunteer,
            "name": name, "email": email, "phone": phone, "until": until, "note": note,
            "created_by": _by(by)})
    reference = match.request.reference
    data = {"reference": reference, "until": until.isoformat(), "match": match.pk}
    if volunteer is not None and volunteer.journeys.exists():
        journey_record_event(
            volunteer=volunteer, kind="duo", at=now, by=_by(by), data={**data, "role": "supporter"},
            note=f"{match.volunteer.full_name} · {reference}")
    if match.volunteer.journeys.exists():
        journey_record_event(
            volunteer=match.volunteer, kind="duo", at=now, by=_by(by),
            data={**data, "role": "newcomer"}, note=supporter.display_name)
    placement_changed.send(sender=MatchSupporter, match=match, now=now)
    return supporter


@transaction.atomic
def supporter_remove(*, match: Match, by, now=None) -> None:
    MatchSupporter.objects.filter(match=match).delete()
    placement_changed.send(sender=MatchSupporter, match=match, now=_now(now))


@transaction.atomic
def agreement_save(*, match: Match, values: dict, by, now=None) -> WorkingAgreement:
    """Record (or change) the working agreements made at the introduction."""
    allowed = {*WorkingAgreement.TEXT_FIELDS, "reminders", "reminder_channel",
               "check_frequency", "agreed_on"}
    values = {name: value for name, value in values.items() if name in allowed}
    if not values.get("reminders"):
        values["reminder_channel"] = ""
    agreement, _created = WorkingAgreement.objects.update_or_create(
        match=match, defaults={**values, "organisation_id": match.organisation_id,
                               "recorded_by": _by(by)})
    placement_changed.send(sender=WorkingAgreement, match=match, now=_now(now))
    return agreement


def placements_forget(*, volunteer: Volunteer, now=None) -> None:
    """An erased volunteer no longer supports anyone (their check-ins as a supporter are
    cancelled and emptied); the agreements of their own matches (free texts about them)
    are emptied."""
    supported = list(Match.objects.filter(supporter__volunteer=volunteer))
    MatchSupporter.objects.filter(volunteer=volunteer).delete()
    for match in supported:
        placement_changed.send(sender=MatchSupporter, match=match, now=_now(now), forget=True)
    WorkingAgreement.objects.filter(match__volunteer=volunteer).update(
        **dict.fromkeys(WorkingAgreement.TEXT_FIELDS, ""))
