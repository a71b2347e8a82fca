"""Thin Celery tasks of the journey: they take nothing and call a service. Both are in
CELERY_BEAT_SCHEDULE and safe to run twice (the services claim rows in the database)."""

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
