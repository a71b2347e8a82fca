"""The match lifecycle after the proposal: both sides answer, the introduction, active,
ended; the caregiver's link; the follow-up of unanswered proposals (time travel)."""

from datetime import UTC, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from journey.models import TimelineEvent
from matchmaking import lifecycle_services as lifecycle
from matchmaking import services
from matchmaking.links import LinkState, caregiver_link_check, caregiver_token
from matchmaking.models import Match, MatchSettings, MatchTransition, Rejection, Task

from .lifecycle_helpers import link_in

pytestmark = pytest.mark.django_db


def accept_as_volunteer(match, capture, now=None):
    with capture(execute=True):
        lifecycle.match_volunteer_answer(match=match, accept=True, by=match.volunteer.user,
                                         now=now)


def test_a_proposal_mails_the_volunteer_a_link_to_mijn_koppel(proposal):
    match = proposal()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sara@example.nl"]
    assert message.subject == "Er is een voorstel voor je: wil je iemand helpen?"
    assert f"/mijn-koppel/koppelingen/{match.pk}/" in message.body
    assert "binnen 5 dagen" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_an_english_speaking_volunteer_gets_the_proposal_and_reminder_in_english(proposal):
    start = timezone.now()
    proposal(volunteer_language="en", now=start)
    lifecycle.proposals_follow_up(now=start + timedelta(days=5))
    proposed, reminder = mail.outbox
    assert proposed.subject == "There is a proposal for you: would you like to help someone?"
    assert "within 5 days" in proposed.body
    assert reminder.subject == "Reminder: a proposal is waiting for you"
    assert "We have not had your answer yet." in reminder.body


def test_a_volunteer_who_prefers_the_phone_gets_a_call_instead(proposal, volunteer, help_request,
                                                               matchmaker_a):
    tom = volunteer("tom@example.nl", contact_channel="phone")
    match = services.match_propose(request=help_request("REQ-0050"), volunteer=tom,
                                             by=matchmaker_a)
    task = Task.objects.get(match=match)
    assert task.kind == "call_volunteer" and task.assignee == matchmaker_a
    assert "REQ-0050" in task.title


def test_yes_from_the_volunteer_mails_the_caregiver_a_link_in_dutch(
        proposal, django_capture_on_commit_callbacks, org_a):
    org_a.volunteer_word = "buddy"
    org_a.save()
    match = proposal()
    mail.outbox.clear()
    accept_as_volunteer(match, django_capture_on_commit_callbacks)
    match.refresh_from_db()
    assert match.status == "volunteer_accepted" and match.caregiver_asked_at is not None
    [message] = mail.outbox
    assert message.to == [match.request.caregiver.email]
    assert message.subject == "We hebben een maatje voor u gevonden"
    assert f"{match.volunteer.first_name} is een maatje van onze organisatie." in message.body
    assert "vrijwilliger" not in message.body
    assert "/koppeling/antwoord/" in link_in(message)
    assert "De link werkt tot en met" in message.body
    assert "maatje" in message.alternatives[0][0]


def test_the_caregiver_email_speaks_english_for_an_english_caregiver(
        proposal, django_capture_on_commit_callbacks):
    match = proposal(caregiver_language="en")
    mail.outbox.clear()
    accept_as_volunteer(match, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "We have found a volunteer for you"
    assert "Good news" in message.body and "Goed nieuws" not in message.body
    assert "The link works until" in message.body


@pytest.mark.parametrize("channel", ["phone", "paper"])
def test_a_caregiver_who_prefers_the_phone_gets_a_call_task_not_an_email(
        proposal, django_capture_on_commit_callbacks, matchmaker_a, channel):
    match = proposal(channel=channel)
    mail.outbox.clear()
    accept_as_volunteer(match, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    task = Task.objects.get(match=match, kind="call_caregiver")
    assert task.assignee == matchmaker_a and task.done_at is None
    # The matchmaker calls and records the yes: the task is done with it.
    lifecycle.match_caregiver_answer(match=match, accept=True, by=matchmaker_a, text="Belde om 10u")
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == matchmaker_a
    match.refresh_from_db()
    assert match.status == "caregiver_accepted"
    last = MatchTransition.objects.filter(match=match).last()
    assert last.by == matchmaker_a
    assert last.note == "Namens de mantelzorger vastgelegd na contact. Belde om 10u"
    assert Task.objects.get(match=match, kind="plan_introduction").done_at is None


def test_the_caregiver_link_is_valid_once_and_expires(proposal, django_capture_on_commit_callbacks):
    now = timezone.now()
    match = proposal()
    accept_as_volunteer(match, django_capture_on_commit_callbacks)
    token = caregiver_token(match, now=now)
    assert caregiver_link_check(token, now=now).state == LinkState.OPEN
    assert caregiver_link_check(token, now=now + timedelta(days=14, hours=-1)).state == "open"
    assert caregiver_link_check(token, now=now + timedelta(days=14, hours=1)).state == "expired"
    MatchSettings.objects.create(organisation=match.organisation, caregiver_link_days=30)
    assert caregiver_link_check(token, now=now + timedelta(days=20)).state == "open"
    assert caregiver_link_check(token[:-2] + "xx", now=now) is None
    assert caregiver_link_check("zomaar-iets", now=now) is None
    lifecycle.match_caregiver_answer(match=match, accept=False, via_link=True, now=now)
    assert caregiver_link_check(token, now=now).state == LinkState.USED
    with pytest.raises(lifecycle.AlreadyAnswered):
        lifecycle.match_caregiver_answer(match=match, accept=True, via_link=True, now=now)
    match.refresh_from_db()
    assert match.status == "declined" and match.declined_by_party == "caregiver"
    rejection = Rejection.objects.get(match=match)
    assert rejection.reason == "caregiver_declined"     # counted on the dashboard


def test_the_volunteer_says_no_with_a_reason_that_counts(proposal):
    match = proposal()
    lifecycle.match_volunteer_answer(match=match, accept=False, by=match.volunteer.user,
                                     reason="distance", text="Te ver fietsen")
    match.refresh_from_db()
    assert (match.status, match.declined_by_party) == ("declined", "volunteer")
    assert Rejection.objects.get(match=match).reason == "distance"
    with pytest.raises(lifecycle.AlreadyAnswered):
        lifecycle.match_volunteer_answer(match=match, accept=True, by=match.volunteer.user)


def test_from_both_yes_to_active_and_ended_with_every_step_recorded(
        proposal, django_capture_on_commit_callbacks, matchmaker_a, coordinator_a):
    now = timezone.now()
    match = proposal(now=now)
    accept_as_volunteer(match, django_capture_on_commit_callbacks, now=now + timedelta(hours=1))
    lifecycle.match_caregiver_answer(match=match, accept=True, via_link=True,
                                     now=now + timedelta(days=1))
    mail.outbox.clear()
    at = now + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.match_plan_introduction(match=match, at=at, place="Thuis bij mevrouw Jansen",
                                          by=matchmaker_a, now=now + timedelta(days=2))
    volunteer_mail = next(m for m in mail.outbox if m.to == ["sara@example.nl"])
    assert volunteer_mail.subject.startswith("Kennismaking op ")
    assert "Thuis bij mevrouw Jansen" in volunteer_mail.body
    [(filename, ics, mimetype)] = volunteer_mail.attachments
    assert (filename, mimetype) == ("kennismaking.ics", "text/calendar")
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VEVENT" in ics and "LOCATION:Thuis bij mevrouw Jansen" in ics
    assert "DTSTART:" + at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in ics
    caregiver_mail = next(m for m in mail.outbox if m.to == [match.request.caregiver.email])
    assert "uw vrijwilliger" in caregiver_mail.body
    assert Task.objects.get(match=match, kind="plan_introduction").done_at is not None
    lifecycle.match_activate(match=match, by=matchmaker_a, now=now + timedelta(days=6))
    lifecycle.match_end(match=match, by=coordinator_a, reason="help_done",
                        text="Mevrouw woont nu in een verpleeghuis", now=now + timedelta(days=90))
    match.refresh_from_db()
    assert (match.status, match.end_reason_code) == ("ended", "help_done")
    events = TimelineEvent.objects.filter(volunteer=match.volunteer, kind__startswith="match")
    assert sorted(events.values_list("kind", "note")) == [
        ("match_ended", "REQ-0042"), ("match_started", "REQ-0042"), ("matched", "REQ-0042")]
    steps = list(MatchTransition.objects.filter(match=match).values_list(
        "to_status", "by"))
    assert steps == [("proposed", matchmaker_a.pk), ("volunteer_accepted", match.volunteer.user_id),
                     ("caregiver_accepted", None), ("introduction_planned", matchmaker_a.pk),
                     ("active", matchmaker_a.pk), ("ended", coordinator_a.pk)]


def test_an_end_reason_other_needs_a_word(proposal, matchmaker_a):
    match = proposal()
    Match.objects.filter(pk=match.pk).update(status="active")
    match.refresh_from_db()
    with pytest.raises(lifecycle.MatchingError, match="anders"):
        lifecycle.match_end(match=match, by=matchmaker_a, reason="other")
    with pytest.raises(lifecycle.MatchingError):
        lifecycle.match_end(match=match, by=matchmaker_a, reason="bestaat-niet")


def follow_up(now) -> str:
    out = StringIO()
    call_command("follow_up_proposals", "--now", now.isoformat(), stdout=out)
    return out.getvalue().strip()


def test_an_unanswered_proposal_is_reminded_once_then_becomes_a_task(proposal, matchmaker_a):
    start = timezone.now()
    match = proposal(now=start)
    mail.outbox.clear()
    assert follow_up(start + timedelta(days=4, hours=23)).startswith("Proposals: 0 reminded")
    assert mail.outbox == []
    assert follow_up(start + timedelta(days=5)).startswith("Proposals: 1 reminded, 0 tasks")
    assert follow_up(start + timedelta(days=5, hours=1)).startswith("Proposals: 0 reminded, 0")
    [reminder] = mail.outbox
    assert reminder.subject == "Herinnering: er ligt een voorstel voor je klaar"
    assert "We hebben nog geen antwoord van je gekregen." in reminder.body
    assert not Task.objects.filter(kind="proposal_no_answer").exists()
    assert "1 tasks for the matchmaker" in follow_up(start + timedelta(days=7))
    assert "0 tasks for the matchmaker" in follow_up(start + timedelta(days=8))
    task = Task.objects.get(kind="proposal_no_answer")
    assert task.match == match and task.assignee == matchmaker_a
    assert len(mail.outbox) == 1
    # The volunteer answers after all: the task is done by itself.
    lifecycle.match_volunteer_answer(match=match, accept=True, by=match.volunteer.user)
    task.refresh_from_db()
    assert task.done_at is not None


def test_the_follow_up_uses_the_organisations_days(proposal, org_a):
    start = timezone.now()
    MatchSettings.objects.create(organisation=org_a, proposal_answer_days=2,
                                 proposal_escalate_days=1)
    proposal(now=start)
    mail.outbox.clear()
    counts = lifecycle.proposals_follow_up(now=start + timedelta(days=2))
    assert counts["reminded"] == 1 and counts["escalated"] == 0
    counts = lifecycle.proposals_follow_up(now=start + timedelta(days=3))
    assert counts["escalated"] == 1


def test_a_failed_reminder_is_released_and_sent_at_the_next_run(proposal, settings):
    start = timezone.now()
    proposal(now=start)
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.matchmaking.test_lifecycle.BrokenBackend"
    counts = lifecycle.proposals_follow_up(now=start + timedelta(days=5))
    assert counts["failed"] == 1 and Match.objects.get().reminder_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert lifecycle.proposals_follow_up(now=start + timedelta(days=5))["reminded"] == 1
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("the mail server is down")


def test_an_unanswered_caregiver_link_becomes_a_call_task_once(
        proposal, django_capture_on_commit_callbacks):
    start = timezone.now()
    match = proposal(now=start)
    accept_as_volunteer(match, django_capture_on_commit_callbacks, now=start)
    assert lifecycle.proposals_follow_up(now=start + timedelta(days=13))["caregiver_calls"] == 0
    assert lifecycle.proposals_follow_up(now=start + timedelta(days=14))["caregiver_calls"] == 1
    assert lifecycle.proposals_follow_up(now=start + timedelta(days=15))["caregiver_calls"] == 0
    assert Task.objects.filter(match=match, kind="call_caregiver").count() == 1
