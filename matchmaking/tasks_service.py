"""Writes of staff tasks: create one (never twice for the same open kind and match) and
mark one done. The lifecycle and the check-ins make tasks; staff complete them."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Membership, Organisation, Role

from . import signals
from .models import Match, Task


def default_assignee(*, organisation: Organisation, match: Match | None = None):
    """Who a task goes to: the matchmaker who proposed the match while they still work for
    the organisation, else the organisation's first matchmaker, else nobody (the task then
    shows for everyone)."""
    if match is not None and match.proposed_by_id and Membership.objects.filter(
            user_id=match.proposed_by_id, organisation=organisation).exists():
        return match.proposed_by
    membership = (Membership.objects.filter(organisation=organisation, role=Role.MATCHMAKER,
                                            user__is_active=True)
                  .select_related("user").order_by("pk").first())
    return membership.user if membership else None


def task_create(*, organisation: Organisation, kind: str, title: str, due_at=None,
                match: Match | None = None, volunteer=None, request=None, assignee=None,
                now=None) -> Task:
    """A task for staff. With a match, there is at most one open task of a kind for it: a
    second call (a rerun of a scan) returns the open one unchanged."""
    now = now or timezone.now()
    if match is not None:
        existing = Task.objects.filter(kind=kind, match=match, done_at__isnull=True).first()
        if existing is not None:
            return existing
        volunteer = volunteer or match.volunteer
        request = request or match.request
    if assignee is None:
        assignee = default_assignee(organisation=organisation, match=match)
    try:
        with transaction.atomic():
            return Task.objects.create(
                organisation=organisation, kind=kind, title=title[:200], match=match,
                volunteer=volunteer, request=request, assignee=assignee,
                due_at=due_at or now, created_at=now)
    except IntegrityError:
        # Another process made the same open task a moment ago: that one counts.
        return Task.objects.get(kind=kind, match=match, done_at__isnull=True)


def task_complete(*, task: Task, by, note: str = "", now=None) -> Task:
    """Mark a task done, with who and an optional note. Completing it twice keeps the
    first completion."""
    now = now or timezone.now()
    by = by if getattr(by, "is_authenticated", False) else None
    done = Task.objects.filter(pk=task.pk, done_at__isnull=True).update(
        done_at=now, done_by=by, done_note=note.strip())
    task.refresh_from_db()
    if done:
        signals.task_completed.send(sender=Task, task=task, now=now)
    return task
