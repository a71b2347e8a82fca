"""Writes of the caregivers app.

Only `help_request_transition` so far, in its minimal form: written by the matching work
(which moves requests to `matching` and `matched`), with the signature the caregivers
work uses; that work brings the full version (allowed transitions, side effects).
"""

from django.db import transaction
from django.utils import timezone

from .models import HelpRequest, HelpRequestTransition


def help_request_transition(*, request: HelpRequest, to_status: str, by, note: str = "",
                            now=None) -> HelpRequest:
    """Move `request` to `to_status` and record who did it and when. Moving to the status
    it already has changes nothing."""
    if to_status not in HelpRequest.Status.values:
        raise ValueError(f"unknown help request status {to_status!r}")
    now = now or timezone.now()
    with transaction.atomic():
        current = HelpRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != to_status:
            HelpRequest.objects.filter(pk=request.pk).update(status=to_status,
                                                             status_changed_at=now)
            HelpRequestTransition.objects.create(
                request=current, from_status=current.status, to_status=to_status,
                by=by if getattr(by, "is_authenticated", False) else None, at=now, note=note,
            )
            request.status, request.status_changed_at = to_status, now
    return request
