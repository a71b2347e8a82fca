"""The whole schedule, travelling through time with now=: planned at the start, sent at 14
days, one reminder, then a call task; 3 and 6 months; the introduction question."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from checkins.models import CheckIn
from checkins.services import (
    checkins_cancel,
    checkins_plan,
    checkins_plan_introduction,
    checkins_send_due,
    checkins_send_due_inline,
)
from matchmaking.models import Match

from .conftest import START, at, make_match

pytestmark = pytest.mark.django_db


def scan(when):
    return checkins_send_due_inline(now=when)


def rows(match):
    return {(c.party, c.moment): c for c in CheckIn.objects.filter(match=match)}


def test_going_active_plans_both_sides_at_14_days_3_and_6_months(match):
    assert checkins_plan(match=match, now=START) == 6
    planned = rows(match)
    assert sorted(planned) == sorted((p, m) for p in ("volunteer", "caregiver")
                                     for m in ("d14", "d91", "d182"))
    assert planned["volunteer", "d14"].due_at == START + timedelta(days=14)
    assert planned["caregiver", "d182"].due_at == START + timedelta(days=182)
    # Planning again (a signal sent twice) adds nothing.
    assert checkins_plan(match=match, now=START) == 0
    assert CheckIn.objects.filter(match=match).count() == 6


def test_nothing_goes_out_before_14_days(match):
    checkins_plan(match=match, now=START)
    assert scan(at(2026, 3, 15, 9))["claimed"] == 0
    assert mail.outbox == []


def test_the_whole_schedule(match, volunteer_a):
    checkins_plan(match=match, now=START)
    day15 = at(2026, 3, 17, 10, 1)
    assert scan(day15)["email"] == 2
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["jansen@example.nl", "vrijwilliger@a.example"]
    vol = rows(match)["volunteer", "d14"]
    assert vol.status == "sent" and vol.sent_at == day15
    assert vol.message_id == mail.outbox[0].extra_headers["Message-ID"] or \
        vol.message_id == mail.outbox[1].extra_headers["Message-ID"]
    # A second scan the same minute (beat and cron together) sends nothing more.
    assert scan(day15)["claimed"] == 0
    assert len(mail.outbox) == 2

    # Four days later nothing; after five days one reminder each.
    assert scan(day15 + timedelta(days=4))["claimed"] == 0
    assert scan(day15 + timedelta(days=5))["reminder"] == 2
    assert len(mail.outbox) == 4
    assert "Herinnering" in mail.outbox[-1].subject
    assert scan(day15 + timedelta(days=6))["claimed"] == 0

    # The caregiver answers; the volunteer does not: five days later a call task for them.
    from checkins.services import checkin_answer

    checkin_answer(checkin=rows(match)["caregiver", "d14"], answer="goed",
                   now=day15 + timedelta(days=7))
    assert scan(day15 + timedelta(days=10))["escalated"] == 1
    escalated = rows(match)["volunteer", "d14"]
    assert escalated.status == "escalated" and escalated.escalated_at is not None
    assert len(mail.outbox) == 4          # a call, not another e-mail
    assert scan(day15 + timedelta(days=30))["claimed"] == 0

    # Three months: both asked again; six months too.
    assert scan(START + timedelta(days=91, minutes=1))["email"] == 2
    assert len(mail.outbox) == 6
    # Nobody answered at three months: by six months the reminders went out as well.
    counts = scan(START + timedelta(days=182, minutes=1))
    assert (counts["email"], counts["reminder"]) == (2, 2)
    assert len(mail.outbox) == 10


def test_the_command_with_now(match):
    checkins_plan(match=match, now=START)
    out = StringIO()
    call_command("send_due_checkins", "--now", "2026-03-17T10:00", stdout=out)
    assert "2 e-mailed" in out.getvalue()
    out = StringIO()
    call_command("send_due_checkins", "--now", "2026-03-17T10:00", stdout=out)
    assert "0 e-mailed" in out.getvalue()
    assert len(mail.outbox) == 2


def test_someone_who_prefers_the_phone_is_called_not_mailed(org_a, volunteer_a):
    match = make_match(org_a, volunteer_a, channel="phone")
    checkins_plan(match=match, now=START)
    counts = scan(at(2026, 3, 17))
    assert counts["email"] == 1 and counts["call"] == 1
    caregiver = rows(match)["caregiver", "d14"]
    assert caregiver.channel == "phone" and caregiver.status == "sent"
    assert [m.to for m in mail.outbox] == [["vrijwilliger@a.example"]]
    # No e-mail reminder for a phone call.
    assert scan(at(2026, 3, 30))["reminder"] == 1


def test_a_caregiver_without_email_is_called(org_a, volunteer_a):
    match = make_match(org_a, volunteer_a, caregiver_email="")
    checkins_plan(match=match, now=START)
    assert scan(at(2026, 3, 17))["call"] == 1


def test_the_introduction_question_and_its_cancellation(org_a, volunteer_a):
    intro = at(2026, 2, 20, 14)
    match = make_match(org_a, volunteer_a, status=Match.Status.INTRODUCTION_PLANNED,
                       introduction_at=intro)
    assert checkins_plan_introduction(match=match, now=at(2026, 2, 10)) == 2
    assert rows(match)["caregiver", "intro14"].due_at == intro + timedelta(days=14)
    assert scan(at(2026, 3, 6, 15))["email"] == 2
    assert "kennismaking" in mail.outbox[0].subject
    # Another match: it goes active before the question is due, so the question goes.
    # The first match goes active after the question was asked: no reminder about it.
    Match.objects.filter(pk=match.pk).update(status="active", active_at=at(2026, 3, 7))
    match.refresh_from_db()
    checkins_plan(match=match)
    assert {r.status for k, r in rows(match).items() if k[1] == "intro14"} == {"cancelled"}
    assert scan(at(2026, 3, 15))["reminder"] == 0
    other = make_match(org_a, volunteer_a, status=Match.Status.INTRODUCTION_PLANNED,
                       introduction_at=intro)
    checkins_plan_introduction(match=other, now=at(2026, 2, 10))
    Match.objects.filter(pk=other.pk).update(status="active", active_at=at(2026, 2, 25))
    other.refresh_from_db()
    checkins_plan(match=other)
    assert {r.status for k, r in rows(other).items() if k[1] == "intro14"} == {"cancelled"}


def test_closing_a_match_cancels_what_is_not_sent(match):
    checkins_plan(match=match, now=START)
    scan(at(2026, 3, 17))
    assert checkins_cancel(match=match) == 4
    statuses = {k: r.status for k, r in rows(match).items()}
    assert statuses["volunteer", "d14"] == "sent"
    assert statuses["volunteer", "d91"] == "cancelled"
    counts = scan(START + timedelta(days=200))
    assert (counts["email"], counts["reminder"], counts["escalated"]) == (0, 0, 0)


def test_the_celery_path_claims_then_sends_once(match, django_capture_on_commit_callbacks):
    import time_machine

    checkins_plan(match=match, now=START)
    with time_machine.travel(at(2026, 3, 17), tick=False):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert checkins_send_due(now=at(2026, 3, 17))["queued"] == 2
        assert len(callbacks) == 2
        assert len(mail.outbox) == 2
        # The same task delivered again (redelivery after a lost ack) sends nothing.
        from checkins.tasks import send_checkin

        for row in CheckIn.objects.filter(status="sent"):
            assert send_checkin.delay(row.pk).get() == "skipped"
    assert len(mail.outbox) == 2


def test_an_expired_lease_is_claimed_again(match, settings):
    from checkins.services import checkins_claim_due

    checkins_plan(match=match, now=START)
    first = checkins_claim_due(now=at(2026, 3, 17))
    assert len(first) == 2 and mail.outbox == []       # claimed, task lost
    assert checkins_claim_due(now=at(2026, 3, 17, 10, 5)) == []       # lease still running
    assert sorted(checkins_claim_due(now=at(2026, 3, 17, 10, 11))) == sorted(first)


def test_the_lifecycle_signals_plan_and_cancel_in_the_same_transaction(org_a, volunteer_a,
                                                                      matchmaker_a):
    from matchmaking.services import match_transition

    match = make_match(org_a, volunteer_a, status=Match.Status.CAREGIVER_ACCEPTED)
    match_transition(match=match, to_status=Match.Status.INTRODUCTION_PLANNED, by=matchmaker_a,
                     now=at(2026, 2, 10), introduction_at=at(2026, 2, 20, 14))
    assert {r.moment for r in CheckIn.objects.filter(match=match)} == {"intro14"}
    match_transition(match=match, to_status=Match.Status.ACTIVE, by=matchmaker_a, now=START)
    statuses = {(r.party, r.moment): r.status for r in CheckIn.objects.filter(match=match)}
    assert statuses["volunteer", "intro14"] == "cancelled"
    assert statuses["caregiver", "d14"] == "planned"
    assert CheckIn.objects.get(match=match, party="volunteer", moment="d14").due_at == \
        START + timedelta(days=14)
    match_transition(match=match, to_status=Match.Status.ENDED, by=matchmaker_a,
                     now=at(2026, 3, 10), end_reason="verhuisd")
    assert not CheckIn.objects.filter(match=match, status="planned").exists()


def test_no_answer_after_the_reminder_makes_a_call_task(match):
    from matchmaking.models import Task

    checkins_plan(match=match, now=START)
    scan(at(2026, 3, 17))
    scan(at(2026, 3, 22))
    assert not Task.objects.exists()
    scan(at(2026, 3, 27))
    task = Task.objects.get()
    assert task.kind == "checkin_no_answer" and task.match == match
    assert "Geen antwoord op de check-in (na 14 dagen)" in task.title


def test_a_phone_call_is_a_task_for_the_matchmaker(org_a, volunteer_a, matchmaker_a):
    from matchmaking.models import Task

    match = make_match(org_a, volunteer_a, channel="phone", proposed_by=matchmaker_a)
    checkins_plan(match=match, now=START)
    scan(at(2026, 3, 17))
    task = Task.objects.get()
    assert (task.kind, task.assignee) == ("call_caregiver", matchmaker_a)


def test_moving_the_planned_date_moves_the_email(match):
    # As the end-to-end test does: the rows' dates move back 15 days, nothing else.
    from django.db.models import F

    checkins_plan(match=match, now=START)
    CheckIn.objects.filter(match=match).update(due_at=F("due_at") - timedelta(days=15))
    assert scan(at(2026, 3, 2, 11))["email"] == 2
