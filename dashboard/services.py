"""The dashboard's only write: refreshing the stored best suggestion of open requests."""

from django.db import transaction
from django.utils import timezone

from core.models import Organisation
from matchmaking import selectors as matching

from .models import TopSuggestion


def top_suggestions_refresh(*, organisation: Organisation, request_ids=None, now=None) -> int:
    """Score the organisation's open requests (or only `request_ids`) against one pool of
    volunteers and store each one's best suggestion; rows of requests that are no longer
    open go. Returns the number of requests scored."""
    now = now or timezone.now()
    requests = matching.open_requests(organisation=organisation)
    if request_ids is not None:
        requests = requests.filter(pk__in=list(request_ids))
    rows = matching.queue(organisation=organisation, requests=requests, now=now)
    scored = {row.request.pk for row in rows}
    with transaction.atomic():
        stale = TopSuggestion.objects.filter(organisation=organisation).exclude(
            request_id__in=scored)
        if request_ids is not None:
            stale = stale.filter(request_id__in=list(request_ids))
        stale.delete()
        TopSuggestion.objects.bulk_create(
            [TopSuggestion(organisation=organisation, request_id=row.request.pk,
                           volunteer_id=row.top.volunteer_id if row.top else None,
                           score=round(row.top.score, 3) if row.top else None,
                           eligible=row.eligible, computed_at=now) for row in rows],
            update_conflicts=True, unique_fields=["request"],
            update_fields=["volunteer", "score", "eligible", "computed_at"], batch_size=500)
    return len(rows)
