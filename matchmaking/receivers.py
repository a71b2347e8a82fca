"""The volunteers app sits below matching in the house plan and cannot call it, so matching
listens: an erased volunteer's open proposals are declined, a running match ends, and the
free texts about them go; "download my data" gets their matches."""

from django.dispatch import receiver

from volunteers.models import Volunteer
from volunteers.signals import volunteer_erasing, volunteer_personal_data


@receiver(volunteer_erasing, sender=Volunteer, dispatch_uid="matchmaking_forget_volunteer")
def forget_volunteer(sender, volunteer, now=None, **kwargs):
    from .services import volunteer_forget

    volunteer_forget(volunteer=volunteer, now=now)


@receiver(volunteer_personal_data, sender=Volunteer, dispatch_uid="matchmaking_personal_data")
def personal_data(sender, volunteer, **kwargs):
    from .selectors import volunteer_matching_data

    return "matching", volunteer_matching_data(volunteer=volunteer)
