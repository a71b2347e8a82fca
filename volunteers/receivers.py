"""The volunteers app's part of erasing anyone (core.signals.person_erasing): uploads waiting
for confirmation that mention the person are thrown away."""

from django.dispatch import receiver

from core.erasure import mentions
from core.signals import person_erasing

from .models import VolunteerImport


@receiver(person_erasing, dispatch_uid="volunteers_forget_uploads")
def forget_uploads(sender, organisation, identifiers, **kwargs):
    pending = VolunteerImport.objects.filter(organisation=organisation, committed_at=None)
    doomed = [upload.pk for upload in pending.only("pk", "data")
              if mentions(upload.data, identifiers)]
    VolunteerImport.objects.filter(pk__in=doomed).delete()
