"""The volunteers app sits below the journey in the house plan and cannot call it, so the
journey listens: a volunteer who finished signing up (or was imported) gets a journey, and
one who was erased or anonymised (saved with `anonymised_at`) loses the journey's notes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core.erasure import scrub_texts
from core.signals import person_erasing
from volunteers.models import Volunteer

from .models import Journey, JourneyStep, TimelineEvent


@receiver(post_save, sender=Volunteer, dispatch_uid="journey_start_on_volunteer_saved")
def start_journey(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if instance.anonymised_at is not None:
        # Erased or anonymised by the volunteers app: the journey's free texts go too.
        from .retention import journey_forget_texts

        journey_forget_texts(volunteer_id=instance.pk)
        return
    if instance.signup_step:
        return  # a signup still halfway through the wizard
    if not created and update_fields is not None and "signup_step" not in update_fields:
        return  # a save that cannot have finished a signup
    from .services import journey_start

    if created or not instance.journeys.exists():
        journey_start(volunteer=instance)


@receiver(person_erasing, dispatch_uid="journey_forget_person")
def forget_person(sender, organisation, identifiers, **kwargs):
    """Notes about other volunteers' journeys that mention the erased person."""
    scrub_texts(TimelineEvent.objects.filter(organisation=organisation), ["note"], identifiers)
    scrub_texts(JourneyStep.objects.filter(organisation=organisation), ["note"], identifiers)
    scrub_texts(Journey.objects.filter(organisation=organisation),
                ["exit_feedback", "next_step_note"], identifiers)
