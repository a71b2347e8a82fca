"""Nothing imports the dashboard, so it listens: a change to a request, a match, a
rejection, a journey, a check-in or a task makes the cached figures stale, and a change to a request's
matching queues a refresh of that request's stored best suggestion (once, however many
changes a transaction makes). Changes to volunteers reach the stored suggestions through
the full refresh every few minutes (CELERY_BEAT_SCHEDULE). Rows changed with update()
(the check-in scan, for one) send no signal: their figures follow within CACHE_SECONDS."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from caregivers.models import HelpRequest
from checkins.models import CheckIn
from journey.models import Journey, JourneyStep
from matchmaking.models import Match, Rejection, Task
from matchmaking.signals import task_completed

from .selectors import invalidate
from .tasks import pending_key, refresh_top_suggestions

PENDING_SECONDS = 300


def request_changed(organisation_id: int, request_id: int) -> None:
    invalidate(organisation_id)

    def queue_refresh():   # after the commit, and once: the task clears the mark first
        if cache.add(pending_key(organisation_id, request_id), 1, PENDING_SECONDS):
            refresh_top_suggestions.delay(organisation_id=organisation_id,
                                          request_ids=[request_id])

    transaction.on_commit(queue_refresh)


@receiver(post_save, sender=Match, dispatch_uid="dashboard_match_saved")
@receiver(post_save, sender=Rejection, dispatch_uid="dashboard_rejection_saved")
def matching_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        request_changed(instance.organisation_id, instance.request_id)


@receiver(post_save, sender=HelpRequest, dispatch_uid="dashboard_request_saved")
def help_request_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        request_changed(instance.organisation_id, instance.pk)


@receiver(task_completed, sender=Task, dispatch_uid="dashboard_task_completed")
def task_done(sender, task, **kwargs):
    invalidate(task.organisation_id)


@receiver(post_save, sender=CheckIn, dispatch_uid="dashboard_checkin_saved")
@receiver(post_save, sender=Task, dispatch_uid="dashboard_task_saved")
@receiver(post_save, sender=Journey, dispatch_uid="dashboard_journey_saved")
@receiver(post_save, sender=JourneyStep, dispatch_uid="dashboard_step_saved")
@receiver(post_delete, sender=Journey, dispatch_uid="dashboard_journey_deleted")
def journey_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate(instance.organisation_id)
