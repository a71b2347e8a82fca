"""The coordinators' daily digest: overdue and due-today actions, once a day."""

import threading
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from journey.models import DigestClaim
from journey.services import journey_send_digests
from journey.tasks import send_journey_digests
from tests.factories import VolunteerFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def test_nothing_due_yet_sends_nothing(signup):
    # Signed up 2 March; first contact is due 5 March.
    assert journey_send_digests(now=at(2026, 3, 4, 7))["sent"] == 0
    assert mail.outbox == []


def test_digest_lists_overdue_and_due_today_once_a_day(signup, coordinator_a):
    result = journey_send_digests(now=at(2026, 3, 16, 7))
    assert result == {"sent": 1, "already_sent": 0, "failed": 0}
    message = mail.outbox[0]
    assert message.to == ["coordinator@a.example"]
    body = message.body
    # First contact (due 5 March) is overdue; the intake conversation is due today.
    overdue, today = body.split("Vandaag:")
    assert "Ayşe Yılmaz: Eerste contact (5 maart)" in overdue
    assert "Ayşe Yılmaz: Intakegesprek" in today
    assert f"/reis/vrijwilliger/{signup.pk}/" in body
    html = message.alternatives[0][0]
    assert "Eerste contact" in html and "Te laat" in html
    assert "1 actie te laat" in message.subject

    # A second run the same day (beat restarted, or the command by hand) sends nothing.
    assert journey_send_digests(now=at(2026, 3, 16, 9))["already_sent"] == 1
    assert len(mail.outbox) == 1
    # The next day it comes again.
    journey_send_digests(now=at(2026, 3, 17, 7))
    assert len(mail.outbox) == 2


def test_digest_speaks_the_coordinators_language(signup, coordinator_a):
    coordinator_a.language = "en"
    coordinator_a.save()
    journey_send_digests(now=at(2026, 3, 16, 7))
    message = mail.outbox[0]
    assert "overdue" in message.subject
    assert "First contact" in message.body and "Eerste contact" not in message.body


def test_done_actions_and_people_who_left_get_nothing(signup, coordinator_a, org_a):
    from core.models import Membership

    journey = signup.journeys.get()
    journey.steps.filter(due_date__lte=date(2026, 3, 16)).update(completed_at=at(2026, 3, 3))
    assert journey_send_digests(now=at(2026, 3, 16, 7))["sent"] == 0
    journey.steps.filter(definition__code="first_contact").update(completed_at=None)
    Membership.objects.filter(user=coordinator_a).delete()
    assert journey_send_digests(now=at(2026, 3, 16, 7))["sent"] == 0


def test_anonymised_volunteers_are_not_in_the_digest(signup):
    signup.__class__.objects.filter(pk=signup.pk).update(anonymised_at=at(2026, 3, 10))
    assert journey_send_digests(now=at(2026, 3, 16, 7))["sent"] == 0


def test_the_beat_task_and_the_command(signup):
    with time_machine.travel(at(2026, 3, 16, 7), tick=False):
        send_journey_digests.delay()
        send_journey_digests.delay()
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("send_journey_digests", "--now", "2026-03-17T07:00", stdout=out)
    assert "1 sent" in out.getvalue()
    call_command("send_journey_digests", "--now", "2026-03-17T08:00", stdout=out)
    assert "1 already sent today" in out.getvalue()
    assert len(mail.outbox) == 2


def test_a_failed_send_releases_the_claim(signup, settings):
    settings.EMAIL_BACKEND = "tests.journey.test_digest.FailingBackend"
    assert journey_send_digests(now=at(2026, 3, 16, 7))["failed"] == 1
    assert not DigestClaim.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert journey_send_digests(now=at(2026, 3, 16, 8))["sent"] == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_send_one_digest(postgres, org_a, coordinator_a):
    """Two workers at the same moment: the unique claim lets exactly one of them send."""
    VolunteerFactory(organisation=org_a, status="intake", signed_up_at=at(2026, 3, 2),
                     created_at=at(2026, 3, 2))
    results, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(journey_send_digests(now=at(2026, 3, 16, 7)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r["sent"] for r in results) == [0, 1]
    assert len(mail.outbox) == 1
