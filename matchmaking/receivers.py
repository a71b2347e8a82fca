"""The volunteers app sits below matching in the house plan and cannot call it, so matching
listens: an erased volunteer's open proposals are declined, a running match ends, and the
free texts about them go; "download my data" gets their matches."""

from django.dispatch import receiver

from core.erasure import scrub_texts
from core.signals import person_erasing
from volunteers.models import Volunteer
from volunteers.signals import volunteer_erasing, volunteer_personal_data

from .models import Match, MatchTransition, Rejection, Task


@receiver(volunteer_erasing, sender=Volunteer, dispatch_uid="matchmaking_forget_volunteer")
def forget_volunteer(sender, volunteer, now=None, **kwargs):
    from .services import volunteer_forget

    volunteer_forget(volunteer=volunteer, now=now)


@receiver(volunteer_personal_data, sender=Volunteer, dispatch_uid="matchmaking_personal_data")
def personal_data(sender, volunteer, **kwargs):
    from .selectors import volunteer_matching_data

    return "matching", volunteer_matching_data(volunteer=volunteer)


@receiver(person_erasing, dispatch_uid="matchmaking_forget_person")
def forget_person(sender, organisation, identifiers, **kwargs):
    """Notes on matches and rejections that mention an erased volunteer, caregiver or care
    recipient (the matches themselves stay for the figures)."""
    scrub_texts(Match.objects.filter(request__organisation=organisation),
                ["note", "end_reason", "introduction_place"], identifiers)
    scrub_texts(MatchTransition.objects.filter(match__request__organisation=organisation),
                ["note"], identifiers)
    scrub_texts(Rejection.objects.filter(request__organisation=organisation), ["text"],
                identifiers)
    tasks = Task.objects.filter(organisation=organisation)
    scrub_texts(tasks, ["done_note"], identifiers)
    scrub_texts(tasks, ["title"], identifiers, replacement="Taak (tekst gewist)")
