"""Suggest pairings for all open requests at once: the assignment with the highest total
score under every volunteer's capacity, compared with the greedy way of working.

Input per request: its eligible candidates, best first, as (volunteer columns, scores)
(hard constraints already applied); per volunteer column: how many new matches fit
(capacity). Greedy takes the requests in waiting order and gives each its best candidate
that is still free. Global solves one assignment problem
(scipy.optimize.linear_sum_assignment) on a shortlist: each request's best `shortlist`
candidates plus its greedy choice, every volunteer repeated once per free capacity slot,
and one "no pairing" column per request so a request may stay unpaired. Because the
greedy pairing is always a feasible solution of that problem, the global total is never
below the greedy total.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

FORBIDDEN = 1e6


@dataclass(frozen=True)
class Pair:
    request: int        # row of the request
    volunteer: int      # column of the volunteer
    score: float


@dataclass(frozen=True)
class PairingResult:
    pairs: list[Pair]
    greedy_pairs: list[Pair]
    shortlist: int
    columns: int        # size of the assignment problem: requests x columns

    @property
    def total(self) -> float:
        return float(sum(p.score for p in self.pairs))

    @property
    def greedy_total(self) -> float:
        return float(sum(p.score for p in self.greedy_pairs))

    @property
    def gain(self) -> float:
        return self.total - self.greedy_total

    @property
    def gain_percent(self) -> float:
        return 100.0 * self.gain / self.greedy_total if self.greedy_total else 0.0


Ranked = Sequence[tuple[np.ndarray, np.ndarray]]


def greedy_pairing(ranked: Ranked, capacity: np.ndarray, order: Sequence[int]) -> list[Pair]:
    free = np.array(capacity, dtype=np.int64, copy=True)
    pairs = []
    for row in order:
        columns, scores = ranked[row]
        for column, score in zip(columns, scores, strict=True):
            if free[column] > 0:
                free[column] -= 1
                pairs.append(Pair(int(row), int(column), float(score)))
                break
    return pairs


def global_pairing(ranked: Ranked, capacity: np.ndarray, order: Sequence[int],
                   shortlist: int = 20) -> PairingResult:
    greedy = greedy_pairing(ranked, capacity, order)
    n = len(ranked)
    lists = []
    for columns, scores in ranked:
        lists.append(dict(zip(columns[:shortlist].tolist(), scores[:shortlist].tolist(),
                              strict=True)))
    for pair in greedy:   # keep greedy feasible, so global >= greedy
        lists[pair.request].setdefault(pair.volunteer, pair.score)

    wanted: dict[int, int] = {}
    for entries in lists:
        for volunteer in entries:
            wanted[volunteer] = wanted.get(volunteer, 0) + 1
    volunteers = sorted(wanted)
    copies = {v: int(min(capacity[v], wanted[v])) for v in volunteers}
    first_column, column_volunteer = {}, []
    for v in volunteers:
        first_column[v] = len(column_volunteer)
        column_volunteer.extend([v] * copies[v])
    real = len(column_volunteer)

    cost = np.full((n, real + n), FORBIDDEN)
    cost[np.arange(n), real + np.arange(n)] = 0.0      # "no pairing" for this request
    for row, entries in enumerate(lists):
        for volunteer, score in entries.items():
            start = first_column[volunteer]
            cost[row, start:start + copies[volunteer]] = -score
    rows, columns = linear_sum_assignment(cost)
    pairs = [Pair(int(r), column_volunteer[c], float(-cost[r, c]))
             for r, c in zip(rows, columns, strict=True) if c < real and cost[r, c] <= 0]
    pairs.sort(key=lambda p: p.request)
    result = PairingResult(pairs, greedy, shortlist, real + n)
    if result.total + 1e-9 < result.greedy_total:   # cannot happen; never worse than greedy
        return PairingResult(sorted(greedy, key=lambda p: p.request), greedy, shortlist, real + n)
    return result
