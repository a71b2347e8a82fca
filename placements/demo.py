"""Demo duo: one running match gets a supporter for its first six weeks and working
agreements with a two-weekly expectation check, so the match page, Mijn Koppel and the
check-ins show them. Safe to run again: a match that has either is left alone."""

from datetime import timedelta

from django.utils import timezone

from core.models import Organisation
from matchmaking.models import Match
from volunteers.models import Volunteer

from . import services
from .models import MatchSupporter, WorkingAgreement

AGREEMENT = {
    "days_and_times": "Dinsdag en donderdag, 10.00 tot 12.00 uur",
    "sick_leave": "Ziek? Bel of app de begeleider vóór 9.00 uur.",
    "lunch_and_diet": "Koffie en thee staan klaar; geen varkensvlees.",
    "breaks_and_smoking": "Pauze om 11.00 uur. Roken alleen buiten.",
    "holidays": "Vrij met het Suikerfeest; dat zeggen we twee weken van tevoren.",
    "greeting": "Geen hand geven is goed; een knikje of 'goedemorgen' is genoeg.",
    "reminders": True, "reminder_channel": "whatsapp", "check_frequency": "biweekly",
}


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    if (MatchSupporter.objects.filter(organisation=organisation).exists()
            or WorkingAgreement.objects.filter(organisation=organisation).exists()):
        return 0
    match = (Match.objects.filter(organisation=organisation, status__in=Match.RUNNING_STATUSES)
             .select_related("volunteer", "request").order_by("request__reference").first())
    if match is None:
        return 0
    supporter = (Volunteer.objects.filter(organisation=organisation,
                                          status=Volunteer.Status.ACTIVE,
                                          anonymised_at=None, newcomer__isnull=True)
                 .exclude(pk=match.volunteer_id).order_by("pk").first())
    services.agreement_save(match=match, values=AGREEMENT, by=None, now=now)
    if supporter is not None:
        services.supporter_set(match=match, kind=MatchSupporter.Kind.VOLUNTEER,
                               volunteer=supporter, by=None, now=now,
                               until=timezone.localdate(now) + timedelta(weeks=6))
    log(f"Placements: working agreements and a supporter on {match.request.reference}")
    return 1
