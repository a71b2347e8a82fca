"""Demo decisions: a few proposals (one already accepted by the volunteer, one declined)
and rejections with their reasons, on the demo requests, so the review, the queue and the
reason counts look alive. Safe to run again: requests that already have a decision are
left alone."""

import random

from django.utils import timezone

from caregivers.models import HelpRequest
from core.models import Organisation, User
from volunteers.models import Volunteer

from . import selectors, services
from .models import Match, Rejection, RejectionReason

MATCHMAKER_EMAIL = "matchmaker@demo.koppel.nl"
PROPOSALS = 6          # requests that get their best suggestion proposed
REJECTIONS = 4         # requests whose best suggestion is rejected (the next one proposed)
REJECTION_NOTES = {
    RejectionReason.DISTANCE: "Woont aan de andere kant van de stad; fietst liever niet zo ver.",
    RejectionReason.NO_CLICK: "Telefonisch kennisgemaakt; het klikte niet.",
    RejectionReason.SCHEDULE: "Kan alleen om de week, het gezin zoekt elke week iemand.",
    RejectionReason.OTHER: "Heeft net een andere klus aangenomen via de buurtapp.",
}


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    rng = random.Random(55)  # noqa: S311 - demo data, not security
    reasons = list(REJECTION_NOTES)
    plan = [("propose", None)] * PROPOSALS + [("reject", rng.choice(reasons))
                                              for _ in range(REJECTIONS)]
    rng.shuffle(plan)
    # Every random draw happens above, so a second run makes the same plan.
    by = User.objects.filter(email=MATCHMAKER_EMAIL).first()
    requests = list(selectors.requests_for_matching()
                    .filter(organisation=organisation, status=HelpRequest.Status.MATCHING)
                    .order_by("reference")[:len(plan)])
    made = 0
    for (action, reason), request in zip(plan, requests, strict=False):
        if (Match.objects.filter(request=request).exists()
                or Rejection.objects.filter(request=request).exists()):
            continue
        top = selectors.request_ranking(request=request, now=now).top(2)
        if not top:
            continue
        volunteer_ids = [s.volunteer_id for s in top]
        volunteers = Volunteer.objects.in_bulk(volunteer_ids)
        if action == "reject":
            services.rejection_create(request=request, volunteer=volunteers[volunteer_ids[0]],
                                      reason=reason, text=REJECTION_NOTES[reason], by=by, now=now)
            if len(volunteer_ids) > 1:
                services.match_propose(request=request, volunteer=volunteers[volunteer_ids[1]],
                                       by=by, now=now)
        else:
            services.match_propose(request=request, volunteer=volunteers[volunteer_ids[0]], by=by,
                                   now=now, note="Belt de vrijwilliger deze week.")
        made += 1
    _advance_some(organisation=organisation, by=by, now=now)
    log(f"Matching: decisions on {made} requests "
        f"({Match.objects.filter(organisation=organisation).count()} matches, "
        f"{Rejection.objects.filter(organisation=organisation).count()} rejections)")
    return made


def _advance_some(*, organisation, by, now) -> None:
    """One proposal accepted by the volunteer and one declined, to show both outcomes."""
    proposed = list(Match.objects.filter(organisation=organisation, status=Match.Status.PROPOSED)
                    .order_by("request__reference"))
    moved = Match.objects.filter(organisation=organisation).exclude(
        status=Match.Status.PROPOSED).exists()
    if moved or len(proposed) < 3:
        return
    services.match_transition(match=proposed[0], to_status=Match.Status.VOLUNTEER_ACCEPTED,
                              by=by, note="Vrijwilliger zei telefonisch ja.", now=now)
    services.match_decline(match=proposed[1], by=by, party=Match.Party.VOLUNTEER,
                           reason=RejectionReason.VOLUNTEER_UNAVAILABLE,
                           text="Gaat drie maanden op reis.", now=now)
