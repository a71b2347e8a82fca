"""Thin Celery tasks of the check-ins: the scan (beat, every minute) and one step of one row.

`send_checkin` is acknowledged only after it ran (acks_late) and goes back to the queue when
its worker dies (reject_on_worker_lost); running it twice does nothing the second time, as
the service acts only on a row that is still claimed."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="checkins.scan")
def scan_due_checkins():
    from .services import checkins_send_due

    return checkins_send_due(now=timezone.now())


@shared_task(name="checkins.send", acks_late=True, reject_on_worker_lost=True)
def send_checkin(checkin_id: int):
    from .services import checkin_deliver

    return checkin_deliver(checkin_id=checkin_id, now=timezone.now())
