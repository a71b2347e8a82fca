"""Staff tasks (never doubled for the same open kind and match) and the lifecycle signals
the check-ins listen to (sent inside the transition's transaction)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from matchmaking import selectors, services, signals
from matchmaking.models import Match, Task
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(volunteer, help_request, matchmaker_a):
    return services.match_propose(request=help_request(), volunteer=volunteer("sara@example.nl"),
                                  by=matchmaker_a)


def test_a_task_for_a_match_goes_to_the_proposing_matchmaker_and_is_made_once(match, org_a,
                                                                             matchmaker_a):
    now = timezone.now()
    first = services.task_create(organisation=org_a, kind=Task.Kind.CALL_CAREGIVER,
                                 title="Bel de mantelzorger", match=match, now=now)
    again = services.task_create(organisation=org_a, kind=Task.Kind.CALL_CAREGIVER,
                                 title="Bel de mantelzorger (opnieuw)", match=match, now=now)
    assert again.pk == first.pk and again.title == "Bel de mantelzorger"
    assert first.assignee == matchmaker_a and first.due_at == now
    assert (first.volunteer, first.request) == (match.volunteer, match.request)
    other_kind = services.task_create(organisation=org_a, kind=Task.Kind.PROPOSAL_NO_ANSWER,
                                      title="Geen antwoord", match=match, now=now)
    assert other_kind.pk != first.pk
    assert Task.objects.count() == 2


def test_after_completing_a_task_a_new_one_of_the_same_kind_can_be_made(match, org_a,
                                                                       coordinator_a):
    now = timezone.now()
    task = services.task_create(organisation=org_a, kind=Task.Kind.CHECKIN_FLAGGED,
                                title="Het gaat niet goed", match=match, now=now)
    services.task_complete(task=task, by=coordinator_a, note="Gebeld, loopt weer", now=now)
    task.refresh_from_db()
    assert (task.done_at, task.done_by, task.done_note) == (now, coordinator_a, "Gebeld, loopt weer")
    services.task_complete(task=task, by=None, note="later", now=now + timedelta(hours=1))
    task.refresh_from_db()
    assert task.done_by == coordinator_a and task.done_at == now     # the first completion stays
    later = services.task_create(organisation=org_a, kind=Task.Kind.CHECKIN_FLAGGED,
                                 title="Weer niet goed", match=match, now=now)
    assert later.pk != task.pk and Task.objects.filter(done_at__isnull=True).count() == 1


def test_without_a_proposer_the_task_goes_to_a_matchmaker_of_the_organisation(org_a, match):
    Match.objects.filter(pk=match.pk).update(proposed_by=None)
    match.refresh_from_db()
    task = services.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="Kijk even",
                                match=match)
    assert task.assignee.membership.role == "matchmaker"
    assert task.assignee.membership.organisation == org_a


def test_open_tasks_put_the_longest_overdue_first_and_hide_done_ones(org_a, match, matchmaker_a):
    now = timezone.now()
    colleague = MembershipFactory(organisation=org_a, role="matchmaker",
                                  user=UserFactory(email="ander@example.nl")).user
    later = services.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="later",
                                 due_at=now + timedelta(days=2), now=now, assignee=matchmaker_a)
    overdue = services.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="te laat",
                                   due_at=now - timedelta(days=3), now=now, assignee=matchmaker_a)
    theirs = services.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="van collega",
                                  due_at=now - timedelta(days=9), now=now, assignee=colleague)
    done = services.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="klaar",
                                due_at=now - timedelta(days=20), now=now)
    services.task_complete(task=done, by=matchmaker_a, now=now)
    assert list(selectors.open_tasks(organisation=org_a)) == [theirs, overdue, later]
    assert list(selectors.open_tasks(organisation=org_a, assignee=matchmaker_a)) == [overdue, later]


class Heard:
    """Records each signal with whether it came inside a transaction."""

    def __init__(self):
        self.calls = []

    def __call__(self, signal_name):
        def receiver(sender, match, now, **kwargs):
            self.calls.append((signal_name, match.pk, match.status, now,
                               transaction.get_connection().in_atomic_block))
        return receiver


@pytest.fixture
def heard():
    heard = Heard()
    receivers = {name: heard(name) for name in ("activated", "planned", "closed")}
    signals.match_activated.connect(receivers["activated"])
    signals.introduction_planned.connect(receivers["planned"])
    signals.match_closed.connect(receivers["closed"])
    yield heard
    signals.match_activated.disconnect(receivers["activated"])
    signals.introduction_planned.disconnect(receivers["planned"])
    signals.match_closed.disconnect(receivers["closed"])


def test_the_lifecycle_signals_fire_once_per_step_inside_the_transaction(match, matchmaker_a,
                                                                        heard):
    now = timezone.now()
    for step, status in enumerate(["volunteer_accepted", "caregiver_accepted",
                                   "introduction_planned", "active", "ended"]):
        services.match_transition(match=match, to_status=status, by=matchmaker_a,
                                  now=now + timedelta(days=step))
    assert [(name, status) for name, _pk, status, _now, _atomic in heard.calls] == [
        ("planned", "introduction_planned"), ("activated", "active"), ("closed", "ended")]
    assert [call[3] for call in heard.calls] == [now + timedelta(days=d) for d in (2, 3, 4)]
    assert all(atomic for *_rest, atomic in heard.calls)


def test_a_declined_match_is_closed_and_a_failing_receiver_rolls_the_step_back(
        match, matchmaker_a, heard):
    def refuse(sender, match, now, **kwargs):
        raise RuntimeError("check-ins could not be planned")

    services.match_transition(match=match, to_status="volunteer_accepted", by=matchmaker_a)
    services.match_transition(match=match, to_status="caregiver_accepted", by=matchmaker_a)
    services.match_transition(match=match, to_status="introduction_planned", by=matchmaker_a)
    signals.match_activated.connect(refuse)
    try:
        with pytest.raises(RuntimeError):
            services.match_transition(match=match, to_status="active", by=matchmaker_a)
    finally:
        signals.match_activated.disconnect(refuse)
    assert Match.objects.get(pk=match.pk).status == "introduction_planned"
    services.match_decline(match=match, by=matchmaker_a, party="caregiver",
                           reason="no_click")
    assert [c[0] for c in heard.calls] == ["planned", "activated", "closed"]
    assert heard.calls[-1][2] == "declined"


def test_erasing_a_caregiver_scrubs_the_tasks_that_mention_them(match, org_a, matchmaker_a):
    from caregivers.services import caregiver_erase

    caregiver = match.request.caregiver
    task = services.task_create(organisation=org_a, kind=Task.Kind.OTHER,
                                title=f"Bel {caregiver.name} terug", match=match)
    services.task_complete(task=task, by=matchmaker_a, note=f"{caregiver.name} was ziek")
    caregiver_erase(caregiver=caregiver, by=matchmaker_a)
    task.refresh_from_db()
    assert (task.title, task.done_note) == ("Taak (tekst gewist)", "")
