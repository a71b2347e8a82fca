"""The criteria, vectorised over all candidates at once (numpy).

Each `*_score` function returns an array in [0, 1] (plus what the explanation needs);
`exclusions` returns, per candidate, 0 or the index of the first hard constraint it fails
(codes.EXCLUSION_REASONS). Every constant is here, named, so the scoring can be read top
to bottom and the README can quote it.
"""

import numpy as np

from .codes import (
    ACTIVITIES,
    B2,
    COMMITMENT_INDEX,
    EXCLUSION_INDEX,
    GENDER_INDEX,
    LEVEL_ORDER,
    MOTIVATIONS,
    NATIVE,
    USABLE_LEVEL,
)
from .model import DEFAULT_VOLUNTEER_HOURS, Candidates, RequestProfile
from .motivation import NO_MOTIVATION, motivation_fits

# Language: how well two people can talk in a language, by the lower of their two levels
# (index = level ordinal; below A2 a language is not usable). Speaking the family's mother
# tongue at B2 or better adds a bonus: "a good friend in the mother tongue" (seed 000).
LANGUAGE_QUALITY = np.array([0.0, 0.0, 0.3, 0.55, 0.7, 0.8, 0.85, 0.85])
MOTHER_TONGUE_BONUS = 0.15

# Culture, only from stated wishes.
CULTURE_NO_WISH = 1.0          # `open` (or a wish without a stated background): equal for all
CULTURE_SAME = 1.0             # the volunteer states the same background
CULTURE_TRAINED = 0.5          # different or unstated background, with intercultural training
CULTURE_OTHER = 0.2            # different or unstated background (never inferred)

# Availability = share of requested slots covered, commitment fit, frequency fit.
AVAILABILITY_PARTS = (0.6, 0.2, 0.2)
NEUTRAL = 0.5                  # a fact nobody stated: neither good nor bad
# COMMITMENT_FIT[volunteer][request], index 0 = not stated.
COMMITMENT_FIT = np.array([
    # request: ?    one_off short long
    [0.8, 0.8, 0.8, 0.8],    # volunteer did not say
    [0.8, 1.0, 0.5, 0.2],    # one_off
    [0.8, 0.9, 1.0, 0.5],    # short
    [0.8, 0.7, 0.9, 1.0],    # long
])

# Distance: half relative to the volunteer's own maximum, half absolute (3 km halves it).
DISTANCE_HALF_KM = 3.0
EARTH_RADIUS_KM = 6371.0

# Activity: the requested kinds of help the volunteer likes, and shared interests.
INTEREST_SHARE = 0.25

# Fairness: waiting for a first match (full after half a year) and the request's wait
# (full after three months).
VOLUNTEER_WAIT_FULL_DAYS = 180.0
REQUEST_WAIT_FULL_DAYS = 90.0


def popcount(masks: np.ndarray) -> np.ndarray:
    return np.bitwise_count(masks.astype(np.int64, copy=False)).astype(np.int64)


def _mask_popcount(mask: int) -> int:
    return int(mask).bit_count()


def haversine_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance (as core.geo.distance_km), for many points at once."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi, dlambda = phi2 - phi1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def usable_languages(request: RequestProfile) -> dict[str, int]:
    return {code: level for code, level in request.languages.items() if level >= USABLE_LEVEL}


def language_score(request: RequestProfile, c: Candidates):
    """Best language both can use: (score, index into the request's usable languages or -1,
    the volunteer's level in it)."""
    n = len(c)
    best = np.zeros(n)
    best_index = np.full(n, -1, dtype=np.int64)
    best_level = np.zeros(n, dtype=np.int64)
    for i, (code, family_level) in enumerate(sorted(usable_languages(request).items())):
        levels = c.languages.get(code)
        if levels is None:
            continue
        levels = levels.astype(np.int64, copy=False)
        shared = np.minimum(levels, family_level)
        quality = LANGUAGE_QUALITY[np.where(levels >= USABLE_LEVEL, shared, 0)]
        if family_level == NATIVE:
            quality = quality + np.where(levels >= B2, MOTHER_TONGUE_BONUS, 0.0)
        better = quality > best
        best = np.where(better, quality, best)
        best_index = np.where(better, i, best_index)
        best_level = np.where(better, levels, best_level)
    return np.minimum(best, 1.0), best_index, best_level


def slot_coverage(request: RequestProfile, c: Candidates):
    covered = popcount(c.slots & request.slots)
    requested = _mask_popcount(request.slots)
    if requested == 0:   # no times given: nothing to cover, nothing to exclude on
        return np.full(len(c), NEUTRAL), covered
    return covered / requested, covered


def free_hours(c: Candidates) -> tuple[np.ndarray, np.ndarray]:
    hours = np.where(np.isnan(c.hours_per_week), DEFAULT_VOLUNTEER_HOURS, c.hours_per_week)
    return hours, hours - c.hours_committed


def availability_score(request: RequestProfile, c: Candidates, coverage: np.ndarray):
    request_commitment = COMMITMENT_INDEX.get(request.commitment, 0)
    commitment_fit = COMMITMENT_FIT[c.commitment.astype(np.int64), request_commitment]
    _hours, free = free_hours(c)
    frequency_fit = np.clip(free / request.hours_needed, 0.0, 1.0)
    a, b, f = AVAILABILITY_PARTS
    return a * coverage + b * commitment_fit + f * frequency_fit, commitment_fit


def motivation_score(request: RequestProfile, c: Candidates):
    """Best-fitting motivation per volunteer: (score, its index in MOTIVATIONS or -1, and
    the per-motivation fits and best activities of motivation.motivation_fits, for
    volunteers off and on the newcomer track)."""
    activities = [a for i, a in enumerate(ACTIVITIES) if request.activities >> i & 1]
    speaks_dutch = request.languages.get("nl", 0) >= USABLE_LEVEL
    tables = tuple(motivation_fits(activities=activities, commitment=request.commitment,
                                   speaks_dutch=speaks_dutch, newcomer=newcomer)
                   for newcomer in (False, True))
    n = len(c)
    newcomer = (np.zeros(n, bool) if c.newcomer is None
                else c.newcomer.astype(bool, copy=False))
    best = np.full(n, -1.0)
    best_index = np.full(n, -1, dtype=np.int64)
    masks = c.motivations.astype(np.int64, copy=False)
    for i in range(len(MOTIVATIONS)):
        has = (masks >> i) & 1 == 1
        fit = np.where(newcomer, tables[1][0][i], tables[0][0][i])
        better = has & (fit > best)
        best = np.where(better, fit, best)
        best_index = np.where(better, i, best_index)
    return np.where(best_index < 0, NO_MOTIVATION, best), best_index, tables


def culture_score(request: RequestProfile, c: Candidates) -> np.ndarray:
    n = len(c)
    if not request.compares_background:
        # `open`, or a wish whose background nobody stated: the same for everyone, so a
        # background never moves a ranking nobody asked for (and is not even read).
        return np.full(n, CULTURE_NO_WISH)
    if c.background is None:
        raise ValueError("this request compares backgrounds: load the candidates' backgrounds")
    same = c.background == request.background
    return np.where(same, CULTURE_SAME,
                    np.where(c.intercultural_training, CULTURE_TRAINED, CULTURE_OTHER))


def distance_score(request: RequestProfile, c: Candidates):
    """(score, distance in km or nan when unknown)."""
    n = len(c)
    if not request.has_location:
        return np.full(n, NEUTRAL), np.full(n, np.nan)
    km = haversine_km(request.latitude, request.longitude, c.latitude, c.longitude)
    reach = np.maximum(c.max_distance_km, 1e-9)
    relative = np.clip(1.0 - km / reach, 0.0, 1.0)
    absolute = 1.0 / (1.0 + km / DISTANCE_HALF_KM)
    score = 0.5 * relative + 0.5 * absolute
    return np.where(np.isnan(km), NEUTRAL, score), km


def activity_score(request: RequestProfile, c: Candidates):
    requested = _mask_popcount(request.activities)
    liked = popcount(c.activities & request.activities)
    stated = c.activities != 0
    share = np.where(stated, liked / max(requested, 1), NEUTRAL) if requested else np.full(len(c), NEUTRAL)
    if not request.interests:
        return share
    hits = np.zeros(len(c))
    for tag in request.interests:
        column = c.interests.get(tag)
        if column is not None:
            hits += column
    interests = hits / len(request.interests)
    return (1 - INTEREST_SHARE) * share + INTEREST_SHARE * interests


def capacity_score(c: Candidates) -> np.ndarray:
    hours, free = free_hours(c)
    return np.clip(free / np.maximum(hours, 1e-9), 0.0, 1.0)


def fairness_score(request: RequestProfile, c: Candidates) -> np.ndarray:
    volunteer = np.clip(c.days_waiting_first / VOLUNTEER_WAIT_FULL_DAYS, 0.0, 1.0)
    request_wait = min(1.0, max(0.0, request.days_waiting / REQUEST_WAIT_FULL_DAYS))
    return 0.5 * volunteer + 0.5 * request_wait


def exclusions(request: RequestProfile, c: Candidates, *, language: np.ndarray,
               covered: np.ndarray, km: np.ndarray) -> np.ndarray:
    """Per candidate: 0 when eligible, else the index (1-based) of the first failed rule."""
    n = len(c)
    failed = {
        "not_available": ~c.available.astype(bool),
        "rejected_before": (np.isin(c.ids, np.fromiter(request.excluded_volunteers, np.int64))
                            if request.excluded_volunteers else np.zeros(n, bool)),
        "no_capacity": no_capacity(request, c),
        "gender_preference": (c.gender != GENDER_INDEX[request.gender_preference]
                              if request.gender_preference in GENDER_INDEX
                              else np.zeros(n, bool)),
        "no_shared_language": language <= 0,
        "no_slot_overlap": (covered == 0) if request.slots else np.zeros(n, bool),
        "too_far": np.nan_to_num(km, nan=0.0) > c.max_distance_km,
    }
    code = np.zeros(n, dtype=np.int8)
    for name in reversed(list(EXCLUSION_INDEX)):   # the first rule wins, so it is set last
        code[failed[name]] = EXCLUSION_INDEX[name]
    return code


def no_capacity(request: RequestProfile, c: Candidates) -> np.ndarray:
    """Running matches already take the hours this request needs. A volunteer without
    running matches always has room for a first one (their hours then only lower the
    availability score)."""
    _hours, free = free_hours(c)
    return (c.hours_committed > 0) & (free + 1e-9 < request.hours_needed)


def level_code(level: int) -> str:
    return {rank: code for code, rank in LEVEL_ORDER.items()}.get(int(level), "")
