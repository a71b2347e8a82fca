"""The caregivers app's part of erasing anyone (core.signals.person_erasing): free text of
the organisation's requests that mentions the person, and uploads that name them."""

from django.dispatch import receiver

from core.erasure import mentions, scrub_texts
from core.signals import person_erasing

from .models import HelpRequest, HelpRequestTransition, PendingImport, Referral

REQUEST_TEXTS = ("referrer_contact", "profile_sought", "practical_wishes", "boundaries",
                 "description")


@receiver(person_erasing, dispatch_uid="caregivers_forget_person")
def forget_person(sender, organisation, identifiers, **kwargs):
    scrub_texts(HelpRequest.objects.filter(organisation=organisation), REQUEST_TEXTS,
                identifiers)
    scrub_texts(HelpRequestTransition.objects.filter(request__organisation=organisation),
                ["note"], identifiers)
    scrub_texts(Referral.objects.filter(request__organisation=organisation), ["reason"],
                identifiers)
    pending = PendingImport.objects.filter(organisation=organisation)
    doomed = [upload.pk for upload in pending.only("pk", "data")
              if mentions(upload.data, identifiers)]
    PendingImport.objects.filter(pk__in=doomed).delete()
