"""Build Candidates from one plain record per volunteer: convenient for tests and small
sets. The database path (matchmaking.selectors) fills the arrays directly, for speed."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .codes import (
    COMMITMENT_INDEX,
    GENDER_INDEX,
    LEVEL_ORDER,
    activity_mask,
    motivation_mask,
    normalise_background,
    normalise_interest,
    slot_mask,
)
from .model import Candidates


@dataclass
class VolunteerRecord:
    id: int
    email: str
    slots: list[str] = field(default_factory=list)
    languages: Mapping[str, str] = field(default_factory=dict)     # code -> level code
    activities: list[str] = field(default_factory=list)
    motivations: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    commitment: str = ""
    gender: str = ""
    latitude: float | None = None
    longitude: float | None = None
    max_distance_km: float = 10
    hours_per_week: float | None = None
    hours_committed: float = 0.0
    days_waiting_first: float = 0.0
    background: str = ""                 # only what the volunteer stated with consent
    intercultural_training: bool = False
    available: bool = True
    newcomer: bool = False               # on the newcomer track (Volunteer.is_newcomer)


def candidates_from_records(records: Iterable[VolunteerRecord]) -> Candidates:
    records = list(records)
    languages = sorted({code for r in records for code in r.languages})
    tags = sorted({normalise_interest(t) for r in records for t in r.interests})

    def column(getter, dtype):
        return np.array([getter(r) for r in records], dtype=dtype)

    nan = float("nan")
    return Candidates(
        ids=column(lambda r: r.id, np.int64),
        emails=np.array([r.email for r in records], dtype=str),
        available=column(lambda r: r.available, bool),
        slots=column(lambda r: slot_mask(r.slots), np.int64),
        activities=column(lambda r: activity_mask(r.activities), np.int64),
        motivations=column(lambda r: motivation_mask(r.motivations), np.int64),
        commitment=column(lambda r: COMMITMENT_INDEX.get(r.commitment, 0), np.int8),
        gender=column(lambda r: GENDER_INDEX.get(r.gender, 0), np.int8),
        latitude=column(lambda r: nan if r.latitude is None else r.latitude, np.float64),
        longitude=column(lambda r: nan if r.longitude is None else r.longitude, np.float64),
        max_distance_km=column(lambda r: r.max_distance_km, np.float64),
        hours_per_week=column(lambda r: nan if r.hours_per_week is None else r.hours_per_week,
                              np.float64),
        hours_committed=column(lambda r: r.hours_committed, np.float64),
        days_waiting_first=column(lambda r: r.days_waiting_first, np.float64),
        intercultural_training=column(lambda r: r.intercultural_training, bool),
        languages={code: column(lambda r, code=code: LEVEL_ORDER.get(r.languages.get(code, ""), 0),
                                np.int8) for code in languages},
        interests={tag: column(lambda r, tag=tag: tag in {normalise_interest(t) for t in r.interests},
                               bool) for tag in tags},
        background=np.array([normalise_background(r.background) for r in records], dtype=object),
        newcomer=column(lambda r: r.newcomer, bool),
    )
