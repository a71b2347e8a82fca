"""Properties of the scoring that must hold for any request and any volunteers."""

import math
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaking.scoring import CRITERIA, DEFAULT_WEIGHTS, Weights, rank
from matchmaking.scoring.codes import ACTIVITIES, LEVELS, MOTIVATIONS, SLOTS
from matchmaking.scoring.records import VolunteerRecord, candidates_from_records

from .scoring_helpers import request

LANGUAGES = ["nl", "tr", "ar", "en"]
CENTRE = (52.09, 5.12)

levels = st.sampled_from(LEVELS)
language_maps = st.dictionaries(st.sampled_from(LANGUAGES), levels, min_size=1, max_size=3)
slot_lists = st.lists(st.sampled_from(SLOTS), min_size=0, max_size=6, unique=True)
offsets = st.floats(min_value=-0.2, max_value=0.2, allow_nan=False)


@st.composite
def volunteers(draw, n_max=12):
    n = draw(st.integers(min_value=0, max_value=n_max))
    people = []
    for i in range(n):
        known = draw(st.booleans()) or draw(st.booleans())
        people.append(VolunteerRecord(
            id=i + 1, email=f"v{draw(st.integers(0, 5))}-{i}@example.nl",
            slots=draw(slot_lists), languages=draw(language_maps),
            activities=draw(st.lists(st.sampled_from(ACTIVITIES), max_size=3, unique=True)),
            motivations=draw(st.lists(st.sampled_from(MOTIVATIONS), max_size=3, unique=True)),
            interests=draw(st.lists(st.sampled_from(["wandelen", "koken", "muziek"]), max_size=2)),
            commitment=draw(st.sampled_from(["", "one_off", "short", "long"])),
            gender=draw(st.sampled_from(["", "female", "male", "other"])),
            latitude=CENTRE[0] + draw(offsets) if known else None,
            longitude=CENTRE[1] + draw(offsets) if known else None,
            max_distance_km=draw(st.sampled_from([1, 3, 5, 10, 25])),
            hours_per_week=draw(st.sampled_from([None, 1, 2, 4, 8])),
            hours_committed=draw(st.sampled_from([0, 0, 2, 4])),
            days_waiting_first=draw(st.sampled_from([0, 10, 100, 400])),
            background=draw(st.sampled_from(["", "Turks", "turks ", "Marokkaans"])),
            intercultural_training=draw(st.booleans()),
            available=draw(st.booleans()) or draw(st.booleans()),
        ))
    return people


@st.composite
def requests(draw):
    return request(
        slots=draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=4, unique=True)),
        activities=draw(st.lists(st.sampled_from(ACTIVITIES), min_size=1, max_size=2, unique=True)),
        languages=draw(language_maps),
        frequency=draw(st.sampled_from(["", "once", "weekly", "biweekly", "monthly"])),
        commitment=draw(st.sampled_from(["", "one_off", "short", "long"])),
        interests=tuple(draw(st.lists(st.sampled_from(["wandelen", "koken"]), max_size=2,
                                      unique=True))),
        location=CENTRE if draw(st.booleans()) else None,
        gender_preference=draw(st.sampled_from(["any", "any", "female", "male"])),
        culture_preference=draw(st.sampled_from(["open", "same_background"])),
        background=draw(st.sampled_from(["", "Turks"])),
        days_waiting=draw(st.floats(min_value=0, max_value=400)),
        excluded_volunteers=frozenset(draw(st.lists(st.integers(1, 12), max_size=3))),
    )


weight_sets = st.builds(Weights, **{name: st.integers(0, 100) for name in CRITERIA}).filter(
    lambda w: sum(w.as_dict().values()) > 0)


@settings(max_examples=200, deadline=None)
@given(requests(), volunteers(), weight_sets)
def test_an_excluded_volunteer_is_never_ranked(req, people, weights):
    result = rank(req, candidates_from_records(people), weights)
    ranked = set(result.order().tolist())
    excluded = {e.index for e in result.exclusions()}
    assert ranked.isdisjoint(excluded)
    assert ranked | excluded == set(range(len(people)))
    for e in result.exclusions():
        person = people[e.index]
        if not person.available:
            assert e.reason == "not_available"
        if e.reason == "rejected_before":
            assert person.id in req.excluded_volunteers


@settings(max_examples=200, deadline=None)
@given(requests(), volunteers(), weight_sets, st.randoms(use_true_random=False))
def test_the_ranking_is_deterministic_whatever_the_order_of_the_volunteers(req, people, weights, rnd):
    first = [(s.email, s.score, dict(s.breakdown)) for s in
             rank(req, candidates_from_records(people), weights).top()]
    shuffled = list(people)
    rnd.shuffle(shuffled)
    again = [(s.email, s.score, dict(s.breakdown)) for s in
             rank(req, candidates_from_records(shuffled), weights).top()]
    assert first == again
    assert [(-score, email) for email, score, _b in first] == sorted(
        (-score, email) for email, score, _b in first)


@settings(max_examples=200, deadline=None)
@given(requests(), volunteers(n_max=6), weight_sets)
def test_scores_and_breakdowns_lie_between_zero_and_one(req, people, weights):
    for s in rank(req, candidates_from_records(people), weights).top():
        assert 0.0 <= s.score <= 1.0
        assert all(0.0 <= value <= 1.0 for value in s.breakdown.values())


@settings(max_examples=200, deadline=None)
@given(requests(), volunteers(n_max=1).filter(bool), st.floats(0.001, 0.3), st.floats(0, 2 * math.pi),
       st.floats(1.0, 3.0))
def test_moving_a_volunteer_farther_away_never_raises_their_score(req, people, start, angle, factor):
    req = request(**{**_fields(req), "location": CENTRE})
    person = people[0]

    def at(distance):
        moved = VolunteerRecord(**{**person.__dict__,
                                   "latitude": CENTRE[0] + distance * math.cos(angle),
                                   "longitude": CENTRE[1] + distance * math.sin(angle)})
        result = rank(req, candidates_from_records([moved]))
        return result.top()[0].score if len(result.order()) else None

    near, far = at(start), at(start * factor)
    if far is not None:                  # still within reach
        assert near is not None and far <= near


@settings(max_examples=200, deadline=None)
@given(requests(), volunteers(), weight_sets)
def test_under_open_every_candidate_gets_the_same_culture_score(req, people, weights):
    req = request(**{**_fields(req), "culture_preference": "open"})
    result = rank(req, candidates_from_records(people), weights)
    assert len(set(result.breakdown["culture"].tolist())) <= 1
    # ... so stripping every background changes nothing at all.
    stripped = [VolunteerRecord(**{**p.__dict__, "background": "", "intercultural_training": False})
                for p in people]
    assert [(s.email, s.score) for s in result.top()] == [
        (s.email, s.score) for s in rank(req, candidates_from_records(stripped), weights).top()]


@settings(max_examples=100, deadline=None)
@given(requests(), volunteers(), st.integers(1, 20))
def test_only_the_proportions_of_the_weights_matter(req, people, factor):
    scaled = Weights(**{k: v * factor for k, v in DEFAULT_WEIGHTS.as_dict().items()})
    candidates = candidates_from_records(people)
    assert [s.email for s in rank(req, candidates).top()] == [
        s.email for s in rank(req, candidates, scaled).top()]


@settings(max_examples=100, deadline=None)
@given(requests(), volunteers(), st.integers(0, 12))
def test_the_top_n_is_the_start_of_the_full_ranking(req, people, limit):
    result = rank(req, candidates_from_records(people))
    assert result.order(limit).tolist() == result.order()[:limit].tolist()


def _fields(req):
    from matchmaking.scoring.codes import LEVELS as L
    from matchmaking.scoring.codes import codes_of
    fields = dict(req.__dict__)
    fields["slots"] = codes_of(req.slots, SLOTS)
    fields["activities"] = codes_of(req.activities, ACTIVITIES)
    fields["languages"] = {code: L[level - 1] for code, level in req.languages.items()}
    fields.pop("latitude"), fields.pop("longitude")
    return fields


def test_a_big_random_set_ranks_quickly_and_consistently():
    rng = random.Random(1)
    people = [VolunteerRecord(id=i, email=f"p{i}@example.nl",
                              slots=rng.sample(SLOTS, 4), languages={"nl": rng.choice(LEVELS)},
                              latitude=CENTRE[0] + rng.uniform(-0.1, 0.1),
                              longitude=CENTRE[1] + rng.uniform(-0.1, 0.1))
              for i in range(5000)]
    result = rank(request(location=CENTRE), candidates_from_records(people))
    full = result.order()
    assert np.all(np.diff(result.totals[full]) <= 0)
    assert result.order(10).tolist() == full[:10].tolist()
