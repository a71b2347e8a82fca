"""Two follow-up scans at the same moment (two beats, or cron and a person at the keyboard)
on PostgreSQL: every unanswered proposal gets one reminder and later one task, never two."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from matchmaking import lifecycle_services as lifecycle
from matchmaking.models import Match, Task
from tests.factories import HelpRequestFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db(transaction=True)
PROPOSALS = 40


def run_twice_at_once(now) -> list[dict]:
    results, barrier = [], threading.Barrier(2)

    def scan():
        barrier.wait()
        try:
            results.append(lifecycle.proposals_follow_up(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_scans_at_once_remind_once_and_make_one_task_each(postgres, org_a, matchmaker_a):
    start = timezone.now()
    for n in range(PROPOSALS):
        volunteer = VolunteerFactory(organisation=org_a,
                                     user=UserFactory(email=f"v{n}@example.nl"))
        request = HelpRequestFactory(organisation=org_a, reference=f"PAR-{n:03d}")
        Match.objects.create(organisation=org_a, request=request, volunteer=volunteer, score=0.5,
                             proposed_by=matchmaker_a, proposed_at=start)
    reminded = run_twice_at_once(start + timedelta(days=5))
    assert sum(r["reminded"] for r in reminded) == PROPOSALS
    assert len(mail.outbox) == PROPOSALS
    assert len({m.to[0] for m in mail.outbox}) == PROPOSALS
    escalated = run_twice_at_once(start + timedelta(days=7))
    assert sum(r["escalated"] for r in escalated) == PROPOSALS
    assert Task.objects.filter(kind="proposal_no_answer").count() == PROPOSALS
    assert len(mail.outbox) == PROPOSALS
    print(f"\n[follow-up in parallel] {PROPOSALS} proposals: reminders per scan "
          f"{[r['reminded'] for r in reminded]}, tasks per scan "
          f"{[r['escalated'] for r in escalated]}, e-mails {len(mail.outbox)}")
