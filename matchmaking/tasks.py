"""Thin Celery tasks of the match lifecycle: they take ids and call a service. The e-mails
are queued with transaction.on_commit; the follow-up scan is in CELERY_BEAT_SCHEDULE and
safe to run twice (it claims rows in the database)."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="matchmaking.send_proposal_email")
def send_proposal_email(match_id: int) -> bool:
    from .lifecycle_services import proposal_send_email

    return proposal_send_email(match_id=match_id)


@shared_task(name="matchmaking.send_caregiver_question")
def send_caregiver_question(match_id: int) -> str:
    from .lifecycle_services import caregiver_question_send

    return caregiver_question_send(match_id=match_id)


@shared_task(name="matchmaking.send_introduction_emails")
def send_introduction_emails(match_id: int) -> int:
    from .lifecycle_services import introduction_send_emails

    return introduction_send_emails(match_id=match_id)


@shared_task(name="matchmaking.follow_up_proposals")
def follow_up_proposals() -> dict:
    from .lifecycle_services import proposals_follow_up

    return proposals_follow_up(now=timezone.now())
