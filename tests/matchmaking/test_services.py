"""Proposing, the match lifecycle, rejecting, and the weights."""

from datetime import timedelta

import pytest
from django.utils import timezone

from caregivers.models import HelpRequestTransition
from core.models import AuditEvent
from matchmaking import selectors, services
from matchmaking.models import Match, MatchingWeights, MatchTransition, Rejection, RejectionReason
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_proposing_keeps_the_scores_of_the_moment_and_keeps_the_request_open(
        volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl", languages={"tr": "native", "nl": "B1"})
    request = help_request(languages={"tr": "native"}, status="intake_done")
    match = services.match_propose(request=request, volunteer=sara, by=matchmaker_a, note="Belt morgen")
    assert match.status == Match.Status.PROPOSED and match.proposed_by == matchmaker_a
    assert 0 < match.score <= 1 and match.breakdown["language"] == 1.0
    assert ["Spreekt %(language)s als moedertaal, net als het gezin",
            {"language": "tr", "level": "native", "family_level": "native"}] in match.reasons
    assert match.weights["language"] == 20 and match.hours_per_week == 2.0
    request.refresh_from_db()
    assert request.status == "matching"     # open until a match goes active
    transition = HelpRequestTransition.objects.get(request=request)
    assert (transition.from_status, transition.to_status, transition.by) == (
        "intake_done", "matching", matchmaker_a)
    assert list(MatchTransition.objects.values_list("from_status", "to_status", "by")) == [
        ("", "proposed", matchmaker_a.pk)]
    assert AuditEvent.objects.filter(action="create", subject_type="match").exists()


def test_a_second_proposal_needs_intent_and_the_same_one_is_refused(volunteer, help_request,
                                                                     matchmaker_a):
    sara, tom = volunteer("sara@example.nl"), volunteer("tom@example.nl")
    request = help_request()
    services.match_propose(request=request, volunteer=sara, by=matchmaker_a)
    with pytest.raises(services.MatchingError, match="al voorgesteld"):
        services.match_propose(request=request, volunteer=sara, by=matchmaker_a, allow_parallel=True)
    with pytest.raises(services.AlreadyProposed):
        services.match_propose(request=request, volunteer=tom, by=matchmaker_a)
    services.match_propose(request=request, volunteer=tom, by=matchmaker_a, allow_parallel=True)
    assert Match.objects.filter(request=request).count() == 2


def test_an_excluded_or_foreign_volunteer_cannot_be_proposed(volunteer, help_request, matchmaker_a):
    far = volunteer("mornings@example.nl", slots=["mon:morning"])
    other = volunteer("other@example.nl", organisation=OrganisationFactory(slug="org-b"))
    request = help_request()
    with pytest.raises(services.MatchingError, match="niet beschikbaar op de gevraagde tijden"):
        services.match_propose(request=request, volunteer=far, by=matchmaker_a)
    with pytest.raises(services.MatchingError):
        services.match_propose(request=request, volunteer=other, by=matchmaker_a)
    closed = help_request("REQ-0043", status="closed")
    with pytest.raises(services.MatchingError, match="niet open"):
        services.match_propose(request=closed, volunteer=volunteer("x@example.nl"), by=matchmaker_a)
    assert not Match.objects.exists()


def test_the_whole_lifecycle_records_who_and_when(volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl")
    request = help_request()
    start = timezone.now()
    match = services.match_propose(request=request, volunteer=sara, by=matchmaker_a, now=start)
    steps = ["volunteer_accepted", "caregiver_accepted", "introduction_planned", "active", "ended"]
    for day, status in enumerate(steps, start=1):
        services.match_transition(match=match, to_status=status, by=matchmaker_a,
                                  now=start + timedelta(days=day))
    match.refresh_from_db()
    assert match.status == "ended"
    assert match.volunteer_accepted_at == start + timedelta(days=1)
    assert match.active_at == start + timedelta(days=4) and match.ended_at == start + timedelta(days=5)
    assert [t.to_status for t in match.transitions.all()] == ["proposed", *steps]
    request.refresh_from_db()
    assert request.status == "matched"
    # An ended match dissolves the pair for this request: never suggested again for it.
    assert sara.pk in selectors.request_profile(request=request).excluded_volunteers


def test_a_step_that_does_not_follow_is_refused(volunteer, help_request, matchmaker_a):
    match = services.match_propose(request=help_request(), volunteer=volunteer("s@example.nl"),
                                   by=matchmaker_a)
    with pytest.raises(services.MatchingError):
        services.match_transition(match=match, to_status="active", by=matchmaker_a)
    match.refresh_from_db()
    assert match.status == "proposed" and match.transitions.count() == 1


def test_declining_rejects_the_volunteer_for_this_request(volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl")
    request = help_request()
    match = services.match_propose(request=request, volunteer=sara, by=matchmaker_a)
    services.match_transition(match=match, to_status="volunteer_accepted", by=matchmaker_a)
    rejection = services.match_decline(match=match, by=matchmaker_a, party="caregiver",
                                       reason=RejectionReason.CAREGIVER_DECLINED,
                                       text="Wil liever een vrouw van in de zestig.")
    match.refresh_from_db()
    assert match.status == "declined" and match.declined_by_party == "caregiver"
    assert rejection.match == match and rejection.reason == "caregiver_declined"
    assert selectors.request_ranking(request=request).top() == []


def test_rejecting_a_proposed_volunteer_declines_the_proposal(volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl")
    request = help_request()
    match = services.match_propose(request=request, volunteer=sara, by=matchmaker_a)
    services.rejection_create(request=request, volunteer=sara, reason=RejectionReason.NO_CLICK,
                              by=matchmaker_a)
    match.refresh_from_db()
    assert match.status == "declined" and match.declined_by_party == "matchmaker"
    assert Rejection.objects.get().match == match


def test_a_rejection_needs_a_known_reason_and_text_for_other(volunteer, help_request, matchmaker_a):
    sara = volunteer("sara@example.nl")
    request = help_request()
    with pytest.raises(services.MatchingError):
        services.rejection_create(request=request, volunteer=sara, reason="bored", by=matchmaker_a)
    with pytest.raises(services.MatchingError, match="anders"):
        services.rejection_create(request=request, volunteer=sara, reason="other", text="  ",
                                  by=matchmaker_a)
    services.rejection_create(request=request, volunteer=sara, reason="other", text="Verhuist",
                              by=matchmaker_a)
    with pytest.raises(services.MatchingError, match="al afgewezen"):
        services.rejection_create(request=request, volunteer=sara, reason="language", by=matchmaker_a)
    assert Rejection.objects.count() == 1


def test_weights_are_validated_and_used(org_a, admin_a):
    assert selectors.weights_for(organisation=org_a).language == 20      # defaults
    values = {"motivation": 10, "language": 50, "culture": 0, "availability": 20, "distance": 10,
                  "activity": 5, "capacity": 3, "fairness": 2}
    services.weights_update(organisation=org_a, values=values, by=admin_a)
    assert selectors.weights_for(organisation=org_a).language == 50
    with pytest.raises(services.MatchingError):
        services.weights_update(organisation=org_a, values={**values, "language": 101}, by=admin_a)
    with pytest.raises(services.MatchingError):
        services.weights_update(organisation=org_a, values=dict.fromkeys(values, 0), by=admin_a)
    assert MatchingWeights.objects.get(organisation=org_a).language == 50


def test_a_match_starting_while_the_request_went_back_to_intake_still_matches_it(
        volunteer, help_request, matchmaker_a):
    from caregivers.services import help_request_transition

    request = help_request()
    match = services.match_propose(request=request, volunteer=volunteer("s@example.nl"),
                                   by=matchmaker_a)
    for status in ("volunteer_accepted", "caregiver_accepted", "introduction_planned"):
        services.match_transition(match=match, to_status=status, by=matchmaker_a)
    help_request_transition(request=request, to_status="intake_done", by=matchmaker_a)
    services.match_transition(match=match, to_status="active", by=matchmaker_a)
    request.refresh_from_db()
    assert request.status == "matched"
    assert list(request.transitions.values_list("to_status", flat=True))[-2:] == [
        "matching", "matched"]


def test_erasing_a_volunteer_declines_ends_and_forgets(volunteer, help_request, matchmaker_a):
    from volunteers.selectors import volunteer_personal_data
    from volunteers.services import volunteer_erase

    sara = volunteer("sara@example.nl", hours_per_week=8)
    proposed_for, working_for = help_request("REQ-0001"), help_request("REQ-0002")
    rejected_for = help_request("REQ-0003")
    services.match_propose(request=proposed_for, volunteer=sara, by=matchmaker_a, note="Belt")
    active = services.match_propose(request=working_for, volunteer=sara, by=matchmaker_a)
    for status in ("volunteer_accepted", "caregiver_accepted", "introduction_planned", "active"):
        services.match_transition(match=active, to_status=status, by=matchmaker_a)
    services.rejection_create(request=rejected_for, volunteer=sara, reason="other",
                              text="Te druk met haar studie", by=matchmaker_a)
    data = volunteer_personal_data(volunteer=sara)["matching"]
    assert [m["status"] for m in data["matches"]] == ["proposed", "active"]
    assert data["not_chosen"][0]["text"] == "Te druk met haar studie"

    volunteer_erase(volunteer=sara)
    statuses = dict(Match.objects.values_list("request__reference", "status"))
    assert statuses == {"REQ-0001": "declined", "REQ-0002": "ended"}
    working_for.refresh_from_db()
    assert working_for.status == "matching"          # looks for someone else
    assert not Match.objects.exclude(note="").exists()
    assert not Match.objects.exclude(reasons=[]).exists()
    assert set(Rejection.objects.values_list("text", flat=True)) == {""}
