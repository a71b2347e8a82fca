"""Thin Celery tasks of the journey: they take ids (or nothing) and call a service. The
periodic ones are in CELERY_BEAT_SCHEDULE and safe to run twice (the services claim rows in
the database); the e-mails of the exit conversation are queued after its commit."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="journey.send_digests")
def send_journey_digests():
    from .services import journey_send_digests

    return journey_send_digests(now=timezone.now())


@shared_task(name="journey.apply_retention")
def apply_retention():
    from .retention import retention_apply

    return retention_apply(now=timezone.now())


@shared_task(name="journey.send_consulent_summary", acks_late=True)
def send_consulent_summary(journey_id, by_id=None):
    from core.models import User

    from .models import Journey
    from .services import journey_send_consulent_summary

    by = User.objects.filter(pk=by_id).first() if by_id else None
    journey_send_consulent_summary(journey=Journey.objects.get(pk=journey_id), by=by,
                                   now=timezone.now())


@shared_task(name="journey.send_come_back_invitation", acks_late=True)
def send_come_back_invitation(journey_id):
    from .models import Journey
    from .services import journey_invite_back

    journey_invite_back(journey=Journey.objects.get(pk=journey_id), now=timezone.now())
