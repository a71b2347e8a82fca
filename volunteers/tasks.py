"""Thin Celery tasks: they take ids and call a service."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def send_volunteer_invitation(volunteer_id: int) -> bool:
    return services.volunteer_send_invitation(volunteer_id=volunteer_id)


@shared_task
def send_volunteer_welcome(volunteer_id: int) -> bool:
    return services.volunteer_send_welcome(volunteer_id=volunteer_id)


@shared_task
def unpause_due_volunteers() -> int:
    return services.volunteers_unpause_due(today=timezone.localdate())
