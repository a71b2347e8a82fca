"""Global pairing against greedy, and against the true optimum found by trying everything."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaking.scoring.pairing import global_pairing, greedy_pairing


def ranked_from(matrix):
    """Per request: (volunteer columns, scores), best first, leaving out None (ineligible)."""
    ranked = []
    for row in matrix:
        pairs = sorted(((s, c) for c, s in enumerate(row) if s is not None), key=lambda p: (-p[0], p[1]))
        ranked.append((np.array([c for _s, c in pairs], dtype=np.int64),
                       np.array([s for s, _c in pairs], dtype=np.float64)))
    return ranked


def test_global_pairing_beats_greedy_where_greedy_takes_the_wrong_volunteer():
    # Request 0 has waited longest and takes Anna greedily; but only Anna suits request 1.
    matrix = [[0.90, 0.85],
              [0.80, None]]
    result = global_pairing(ranked_from(matrix), np.array([1, 1]), order=[0, 1])
    assert {(p.request, p.volunteer) for p in result.greedy_pairs} == {(0, 0)}
    assert {(p.request, p.volunteer) for p in result.pairs} == {(0, 1), (1, 0)}
    assert round(result.total, 2) == 1.65 and round(result.greedy_total, 2) == 0.90
    assert result.gain > 0.7


def test_capacity_lets_one_volunteer_take_two_requests():
    matrix = [[0.9, 0.2], [0.8, 0.3], [0.7, 0.6]]
    result = global_pairing(ranked_from(matrix), np.array([2, 1]), order=[0, 1, 2])
    taken = [p.volunteer for p in result.pairs]
    assert taken.count(0) == 2 and taken.count(1) == 1
    assert round(result.total, 2) == round(0.9 + 0.8 + 0.6, 2)


def test_a_request_without_eligible_volunteers_stays_unpaired():
    result = global_pairing(ranked_from([[None, None], [0.5, 0.4]]), np.array([1, 1]), order=[0, 1])
    assert [p.request for p in result.pairs] == [1]


def brute_force(matrix, capacity):
    n, m = len(matrix), len(matrix[0])
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        used = [0] * m
        total, ok = 0.0, True
        for r, c in enumerate(choice):
            if c < 0:
                continue
            if matrix[r][c] is None:
                ok = False
                break
            used[c] += 1
            total += matrix[r][c]
        if ok and all(u <= cap for u, cap in zip(used, capacity, strict=True)):
            best = max(best, total)
    return best


scores = st.one_of(st.none(), st.integers(0, 100).map(lambda v: v / 100))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.integers(1, 4).flatmap(lambda m: st.tuples(
    st.lists(st.lists(scores, min_size=m, max_size=m), min_size=n, max_size=n),
    st.lists(st.integers(0, 2), min_size=m, max_size=m),
    st.permutations(list(range(n)))))))
def test_global_pairing_is_optimal_and_never_below_greedy(case):
    matrix, capacity, order = case
    capacity = np.array(capacity)
    result = global_pairing(ranked_from(matrix), capacity, order=order, shortlist=10)
    assert abs(result.total - brute_force(matrix, capacity)) < 1e-9
    assert result.total >= result.greedy_total - 1e-9
    used = np.bincount([p.volunteer for p in result.pairs], minlength=len(capacity))
    assert np.all(used <= capacity)
    assert len({p.request for p in result.pairs}) == len(result.pairs)
    for p in result.pairs:
        assert matrix[p.request][p.volunteer] == p.score


def test_greedy_serves_requests_in_waiting_order():
    matrix = [[0.5], [0.9]]
    assert [p.request for p in greedy_pairing(ranked_from(matrix), np.array([1]), order=[0, 1])] == [0]
    assert [p.request for p in greedy_pairing(ranked_from(matrix), np.array([1]), order=[1, 0])] == [1]
