"""The volunteers app sits below placements and cannot call in, so placements listens: an
erased volunteer stops supporting matches, and "download my data" lists the matches they
support and the working agreements of their own matches."""

from django.dispatch import receiver

from volunteers.models import Volunteer
from volunteers.signals import volunteer_erasing, volunteer_personal_data


@receiver(volunteer_erasing, sender=Volunteer, dispatch_uid="placements_forget_volunteer")
def forget_volunteer(sender, volunteer, now=None, **kwargs):
    from .services import placements_forget

    placements_forget(volunteer=volunteer, now=now)


@receiver(volunteer_personal_data, sender=Volunteer, dispatch_uid="placements_personal_data")
def personal_data(sender, volunteer, **kwargs):
    from .selectors import volunteer_placements_data

    return "duo_and_agreements", volunteer_placements_data(volunteer=volunteer)
