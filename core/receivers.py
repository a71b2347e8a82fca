"""Core's part of erasing a person: the Django admin's log names objects by their str()."""

from django.contrib.admin.models import LogEntry
from django.dispatch import receiver

from .erasure import scrub_texts
from .signals import person_erasing


@receiver(person_erasing, dispatch_uid="core_forget_in_admin_log")
def forget_in_admin_log(sender, person, identifiers, **kwargs):
    scrub_texts(LogEntry.objects.all(), ["object_repr"], identifiers, replacement="—")
    scrub_texts(LogEntry.objects.all(), ["change_message"], identifiers)
