"""The SQL prefilter only ever drops volunteers the scoring would exclude anyway."""

import math
import random

import pytest
from django.utils import timezone

from core.slots import ALL_SLOTS
from matchmaking import selectors, services
from matchmaking.models import RejectionReason
from matchmaking.scoring.criteria import haversine_km

from .conftest import DOM

pytestmark = pytest.mark.django_db


def ranking_pairs(request, prefilter):
    ranking = selectors.request_ranking(request=request, prefilter=prefilter)
    return [(s.email, s.score, dict(s.breakdown)) for s in ranking.top()]


def test_prefiltered_and_full_rankings_are_identical(volunteer, help_request, matchmaker_a):
    rng = random.Random(7)
    now = timezone.now()
    people = []
    for i in range(120):
        languages = rng.choice([{"nl": "native"}, {"nl": "A1", "tr": "native"}, {"ar": "B1"},
                                {"nl": "B1", "ar": "native"}, {"en": "C1"}, {"tr": "A2"}])
        location = None if rng.random() < 0.1 else (DOM[0] + rng.uniform(-0.15, 0.15),
                                                    DOM[1] + rng.uniform(-0.25, 0.25))
        people.append(volunteer(
            f"v{i:02d}@example.nl", languages=languages, location=location,
            slots=rng.sample(ALL_SLOTS, rng.randint(1, 6)),
            max_distance_km=rng.choice([2, 5, 10, 20]),
            gender=rng.choice(["", "female", "male"]),
            status=rng.choice(["active"] * 6 + ["paused", "intake", "alumni"]),
            hours_per_week=rng.choice([None, 2, 4]),
            interests=rng.sample(["wandelen", "koken", "muziek"], rng.randint(0, 2)),
            background=rng.choice(["", "Turks"]), background_consent_at=now,
            intercultural_training=rng.random() < 0.3,
        ))
    requests = []
    for i in range(10):
        requests.append(help_request(
            f"REQ-{i:04d}",
            languages=rng.choice([{"nl": "native"}, {"tr": "native", "nl": "A2"}, {"ar": "native"}]),
            slots=rng.sample(ALL_SLOTS, rng.randint(1, 4)),
            location=None if i == 0 else (DOM[0] + rng.uniform(-0.1, 0.1), DOM[1] + rng.uniform(-0.1, 0.1)),
            gender_preference=rng.choice(["any", "any", "female", "male"]),
            culture_preference=rng.choice(["open", "same_background"]),
            background="Turks", background_consent_at=now,
            interests=rng.sample(["wandelen", "muziek"], rng.randint(0, 2)),
            frequency=rng.choice(["weekly", "monthly"]),
        ))
    # Some decisions: rejections and running matches (capacity).
    active = [p for p in people if p.status == "active"]
    for request in requests[:5]:
        top = selectors.request_ranking(request=request).top(2)
        by_id = {p.pk: p for p in active}
        if top:
            services.rejection_create(request=request, volunteer=by_id[top[0].volunteer_id],
                                      reason=RejectionReason.DISTANCE, by=matchmaker_a)
        if len(top) > 1:
            services.match_propose(request=request, volunteer=by_id[top[1].volunteer_id],
                                   by=matchmaker_a)
    compared = 0
    for request in requests:
        full = ranking_pairs(request, prefilter=False)
        assert ranking_pairs(request, prefilter=True) == full
        compared += len(full)
    assert compared > 30     # the comparison was about real candidates


@pytest.mark.parametrize("latitude", [52.09, 0.5, -33.9, 69.6])
@pytest.mark.parametrize("bearing", [0, 45, 90, 135, 180, 270, 300])
def test_the_box_keeps_everyone_just_within_their_distance(volunteer, help_request, latitude, bearing):
    centre = (latitude, 5.12)
    reach = 10
    # A point about 9.95 km away along `bearing`.
    d = (reach - 0.05) / 6371.0
    lat1, lon1, theta = math.radians(centre[0]), math.radians(centre[1]), math.radians(bearing)
    lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(theta))
    lon2 = lon1 + math.atan2(math.sin(theta) * math.sin(d) * math.cos(lat1),
                             math.cos(d) - math.sin(lat1) * math.sin(lat2))
    point = (math.degrees(lat2), math.degrees(lon2))
    assert haversine_km(*centre, point[0], point[1]) < reach
    volunteer("edge@example.nl", location=point, max_distance_km=reach)
    request = help_request("REQ-0042", location=centre)
    assert [s.email for s in selectors.request_ranking(request=request).top()] == ["edge@example.nl"]


def test_a_family_without_a_usable_language_gets_no_candidates(volunteer, help_request):
    volunteer("sara@example.nl")
    request = help_request("REQ-0042", languages={"ti": "A1"})
    assert selectors.request_ranking(request=request).top() == []
    ranking = selectors.request_ranking(request=request, prefilter=False)
    assert [(e.email, e.reason) for e in ranking.exclusions()] == [
        ("sara@example.nl", "no_shared_language")]


def test_anonymised_volunteers_are_not_candidates_at_all(volunteer, help_request):
    gone = volunteer("gone@example.nl")
    gone.anonymised_at = timezone.now()
    gone.save()
    request = help_request("REQ-0042")
    ranking = selectors.request_ranking(request=request, prefilter=False)
    assert len(ranking.candidates) == 0


def test_rejection_reasons_are_counted_for_the_dashboard(volunteer, help_request, matchmaker_a, org_a):
    a, b, c = (volunteer(f"{n}@example.nl") for n in "abc")
    request = help_request("REQ-0042")
    services.rejection_create(request=request, volunteer=a, reason=RejectionReason.DISTANCE, by=matchmaker_a)
    services.rejection_create(request=request, volunteer=b, reason=RejectionReason.DISTANCE, by=matchmaker_a)
    match = services.match_propose(request=request, volunteer=c, by=matchmaker_a)
    services.match_decline(match=match, by=matchmaker_a, party="caregiver",
                           reason=RejectionReason.CAREGIVER_DECLINED)
    counts = {code: n for code, _label, n in selectors.rejection_reason_counts(organisation=org_a)}
    assert counts["distance"] == 2 and counts["caregiver_declined"] == 1 and counts["no_click"] == 0
    assert len(counts) == len(RejectionReason.choices)


def test_postgresql_runs_the_candidate_query_without_jit(postgres, volunteer, help_request,
                                                          monkeypatch):
    volunteer("sara@example.nl")
    request = help_request("REQ-0042")
    with postgres.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"          # from the connection options
    expected = ranking_pairs(request, prefilter=True)
    # Without the options in the settings, the query sets them for its own transaction.
    monkeypatch.setitem(postgres.settings_dict["OPTIONS"], "options", "")
    assert not selectors._planner_settings_in_connection()
    assert ranking_pairs(request, prefilter=True) == expected == [
        ("sara@example.nl", expected[0][1], expected[0][2])]
