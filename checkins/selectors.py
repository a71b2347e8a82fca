"""Reads of the check-ins: a match's history for staff, a volunteer's own check-ins."""

from matchmaking.models import Match

from .models import CheckIn


def match_checkins(*, match: Match) -> list[CheckIn]:
    return list(CheckIn.objects.filter(match=match).select_related("answered_by_staff")
                .order_by("due_at", "party"))


def volunteer_open_checkins(*, volunteer) -> list[CheckIn]:
    """Asked and not answered yet: the volunteer can answer these in Mijn Koppel."""
    return list(CheckIn.objects.filter(match__volunteer=volunteer, party=CheckIn.Party.VOLUNTEER,
                                       status__in=CheckIn.WAITING_STATUSES)
                .select_related("match__request").order_by("due_at"))


def volunteer_answered_checkins(*, volunteer) -> list[CheckIn]:
    return list(CheckIn.objects.filter(match__volunteer=volunteer, party=CheckIn.Party.VOLUNTEER,
                                       status=CheckIn.Status.ANSWERED)
                .select_related("match__request").order_by("-answered_at"))


def flagged_checkins(*, organisation, limit: int = 50) -> list[CheckIn]:
    """"Niet goed" answers, newest first."""
    return list(CheckIn.objects.filter(organisation=organisation, flagged_at__isnull=False)
                .select_related("match__request", "match__volunteer")
                .order_by("-flagged_at")[:limit])


def unanswered_checkins(*, organisation, limit: int = 100) -> list[CheckIn]:
    """Asked and not answered yet (including those the matchmaker should call about)."""
    return list(CheckIn.objects.filter(organisation=organisation,
                                       status__in=CheckIn.WAITING_STATUSES)
                .select_related("match__request", "match__volunteer")
                .order_by("-status", "sent_at")[:limit])
