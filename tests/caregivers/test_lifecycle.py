"""The help request lifecycle: allowed steps, who and when, waiting time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from caregivers.lifecycle import ALLOWED, InvalidTransition, button_actions
from caregivers.models import HelpRequest
from caregivers.services import help_request_transition

from ..factories import HelpRequestFactory

Status = HelpRequest.Status


@pytest.fixture
def new_request(org_a):
    return HelpRequestFactory(organisation=org_a, status=Status.NEW)


def walk(request, *statuses, by=None, now=None):
    for status in statuses:
        help_request_transition(request=request, to_status=status, by=by, now=now)


def test_the_happy_path_records_every_step_with_who_and_when(new_request, coordinator_a):
    start = timezone.now()
    for days, status in enumerate([Status.INTAKE_DONE, Status.MATCHING, Status.MATCHED,
                                   Status.CLOSED], start=1):
        help_request_transition(request=new_request, to_status=status, by=coordinator_a,
                                note=f"stap {days}", now=start + timedelta(days=days))
    new_request.refresh_from_db()
    assert new_request.status == Status.CLOSED
    assert new_request.status_changed_at == start + timedelta(days=4)
    steps = list(new_request.transitions.values_list("from_status", "to_status", "by", "note"))
    assert steps == [
        ("new", "intake_done", coordinator_a.pk, "stap 1"),
        ("intake_done", "matching", coordinator_a.pk, "stap 2"),
        ("matching", "matched", coordinator_a.pk, "stap 3"),
        ("matched", "closed", coordinator_a.pk, "stap 4"),
    ]


def test_a_match_that_falls_through_goes_back_to_matching(new_request):
    walk(new_request, Status.INTAKE_DONE, Status.MATCHING, Status.MATCHED, Status.MATCHING)
    new_request.refresh_from_db()
    assert new_request.status == Status.MATCHING and new_request.is_open


@pytest.mark.parametrize("path", [[], [Status.INTAKE_DONE], [Status.INTAKE_DONE, Status.MATCHING]])
@pytest.mark.parametrize("end", [Status.REFERRED, Status.WITHDRAWN])
def test_referred_and_withdrawn_from_every_open_state(new_request, path, end):
    walk(new_request, *path, end)
    new_request.refresh_from_db()
    assert new_request.status == end and not new_request.is_open


@pytest.mark.parametrize("path, target", [
    ([], Status.MATCHED),                                      # skips intake and matching
    ([], Status.CLOSED),
    ([Status.INTAKE_DONE, Status.MATCHING, Status.MATCHED, Status.CLOSED], Status.MATCHING),
    ([Status.WITHDRAWN], Status.MATCHING),
    ([Status.INTAKE_DONE, Status.MATCHING, Status.MATCHED], Status.REFERRED),
    ([], "nonsense"),
])
def test_invalid_steps_raise_and_change_nothing(new_request, path, target):
    walk(new_request, *path)
    before = new_request.transitions.count()
    with pytest.raises(InvalidTransition) as caught:
        help_request_transition(request=new_request, to_status=target, by=None)
    assert str(caught.value)  # a readable message, shown to the user
    new_request.refresh_from_db()
    assert new_request.transitions.count() == before
    assert new_request.status == (path[-1] if path else Status.NEW)


def test_the_service_reads_the_status_from_the_database(new_request):
    """A stale object (someone else moved the request meanwhile) cannot skip a step."""
    stale = HelpRequest.objects.get(pk=new_request.pk)
    walk(new_request, Status.WITHDRAWN)
    with pytest.raises(InvalidTransition):
        help_request_transition(request=stale, to_status=Status.INTAKE_DONE, by=None)
    assert stale.status == Status.WITHDRAWN


def test_reopening_a_withdrawn_request(new_request):
    walk(new_request, Status.WITHDRAWN, Status.NEW, Status.INTAKE_DONE)
    assert new_request.status == Status.INTAKE_DONE


def test_every_status_is_in_the_map_and_closed_is_final():
    assert set(ALLOWED) == set(Status.values)
    assert ALLOWED[Status.CLOSED] == frozenset()
    for targets in ALLOWED.values():
        assert targets <= set(Status.values)


def test_buttons_leave_referral_and_match_to_their_own_flow():
    assert [(to, main) for to, _label, main in button_actions(Status.MATCHING)] == [
        ("intake_done", False), ("withdrawn", False)]
    assert [(to, main) for to, _label, main in button_actions(Status.MATCHED)] == [
        ("closed", True), ("matching", False)]
    assert [to for to, _label, _main in button_actions(Status.NEW)] == ["intake_done",
                                                                        "withdrawn"]
    assert button_actions(Status.CLOSED) == []


def test_invalid_message_is_translated(new_request):
    from django.utils import translation

    with translation.override("en"), pytest.raises(InvalidTransition) as caught:
        help_request_transition(request=new_request, to_status=Status.CLOSED, by=None)
    with translation.override("en"):
        message = str(caught.value)
    assert "cannot" in message.lower()
