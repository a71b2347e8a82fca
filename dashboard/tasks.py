"""Thin Celery tasks of the dashboard: they take ids and call the service. The full refresh
is in CELERY_BEAT_SCHEDULE; the per-request one is queued after a matching-relevant change
(dashboard/receivers.py)."""

from celery import shared_task
from django.core.cache import cache


def pending_key(organisation_id, request_id) -> str:
    return f"dashboard:refresh:{organisation_id}:{request_id}"


@shared_task(name="dashboard.refresh_top_suggestions")
def refresh_top_suggestions(organisation_id=None, request_ids=None):
    from core.models import Organisation

    from .services import top_suggestions_refresh

    organisations = Organisation.objects.all()
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
    # A change made from here on queues a new refresh (see receivers.request_changed).
    for request_id in request_ids or ():
        cache.delete(pending_key(organisation_id, request_id))
    return sum(top_suggestions_refresh(organisation=organisation, request_ids=request_ids)
               for organisation in organisations)
