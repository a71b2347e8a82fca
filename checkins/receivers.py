"""Matching sits below the check-ins in the house plan and does not know them, so the
check-ins listen to the match lifecycle's signals (sent inside the transition's
transaction, so the rows are planned or cancelled in the same transaction), and to the
erasure of a person (AVG): their answers' comments go and nothing more is sent to them."""

from django.dispatch import receiver

from core.signals import person_erasing
from matchmaking import signals
from matchmaking.models import Match
from placements.signals import placement_changed


@receiver(signals.match_activated, sender=Match, dispatch_uid="checkins_plan")
def plan(sender, match, now=None, **kwargs):
    from .services import checkins_plan

    checkins_plan(match=match, now=now)


@receiver(signals.introduction_planned, sender=Match, dispatch_uid="checkins_plan_introduction")
def plan_introduction(sender, match, now=None, **kwargs):
    from .services import checkins_plan_introduction

    checkins_plan_introduction(match=match, now=now)


@receiver(signals.match_closed, sender=Match, dispatch_uid="checkins_cancel")
def cancel(sender, match, now=None, **kwargs):
    from .services import checkins_cancel

    checkins_cancel(match=match, now=now)


@receiver(placement_changed, dispatch_uid="checkins_replan")
def replan(sender, match, now=None, forget=False, **kwargs):
    """A supporter or the working agreements changed (placements): the schedule follows."""
    from .services import checkins_replan

    checkins_replan(match=match, now=now, forget=forget)


@receiver(person_erasing, dispatch_uid="checkins_forget_person")
def forget_person(sender, person, organisation, identifiers, now=None, **kwargs):
    from .services import checkins_forget

    checkins_forget(person=person, organisation=organisation, identifiers=identifiers, now=now)
