"""The plain data the scoring works on: one request, N candidate volunteers as arrays, the
weights, and what comes out. No Django: the services fill these from the database."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np

CRITERIA = ("motivation", "language", "culture", "availability", "distance", "activity",
            "capacity", "fairness")

# Hours per week one match takes, estimated from the request: a visit of about two hours
# (a day part), as often as the request's frequency says. Used for capacity only.
VISIT_HOURS = 2.0
FREQUENCY_FACTOR = {"once": 1.0, "weekly": 1.0, "biweekly": 0.5, "monthly": 0.25, "": 1.0}
# A volunteer who did not say how many hours they have is taken to have one visit a week.
DEFAULT_VOLUNTEER_HOURS = 2.0


def hours_needed(frequency: str) -> float:
    return VISIT_HOURS * FREQUENCY_FACTOR.get(frequency or "", 1.0)


@dataclass(frozen=True)
class Weights:
    """Relative weights of the criteria; the total is the weighted mean, so only the
    proportions matter. Defaults: the four criteria the seeds stress most weigh most."""

    motivation: float = 20
    language: float = 20
    culture: float = 10
    availability: float = 20
    distance: float = 12
    activity: float = 10
    capacity: float = 4
    fairness: float = 4

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}

    def normalised(self) -> dict[str, float]:
        values = self.as_dict()
        total = sum(values.values())
        if total <= 0 or any(v < 0 for v in values.values()):
            raise ValueError("weights must be non-negative and not all zero")
        return {name: value / total for name, value in values.items()}


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class RequestProfile:
    reference: str
    slots: int                                   # bitmask over codes.SLOTS
    activities: int                              # bitmask over codes.ACTIVITIES
    languages: Mapping[str, int]                 # language code -> level ordinal (1..7)
    frequency: str = ""
    commitment: str = ""
    interests: tuple[str, ...] = ()              # normalised free tags
    latitude: float | None = None
    longitude: float | None = None
    gender_preference: str = "any"
    culture_preference: str = "open"
    background: str = ""                         # stated (with consent), normalised
    days_waiting: float = 0.0
    excluded_volunteers: frozenset[int] = frozenset()   # rejected or dissolved before

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def hours_needed(self) -> float:
        return hours_needed(self.frequency)

    @property
    def compares_background(self) -> bool:
        return self.culture_preference == "same_background" and bool(self.background)


@dataclass
class Candidates:
    """N volunteers as parallel arrays (one row per volunteer).

    `languages` maps a language code to each volunteer's level in it (0 = does not speak
    it); it needs to hold at least the request's languages. `interests` maps a normalised
    tag to a boolean per volunteer, at least for the request's tags. `background` holds
    each volunteer's stated background (normalised, "" when not stated or not consented);
    it may be None when the request does not compare backgrounds: then it is not even read.
    `newcomer` says who is on the newcomer track (None: nobody); for them `practice_dutch`
    and `work_experience` are the purpose of the placement (motivation.NEWCOMER_FIT).
    `emails` may be None when `email_lookup` can fetch them for the few candidates that
    are shown or tied (fetching every e-mail would cost more than the scoring).
    """

    ids: np.ndarray                      # int64
    emails: np.ndarray | None            # str; ties are broken by e-mail
    available: np.ndarray                # bool: active, through intake, not anonymised
    slots: np.ndarray                    # int64 masks
    activities: np.ndarray               # int64 masks
    motivations: np.ndarray              # int64 masks
    commitment: np.ndarray               # int8, codes.COMMITMENT_INDEX, 0 = not stated
    gender: np.ndarray                   # int8, codes.GENDER_INDEX, 0 = not stated
    latitude: np.ndarray                 # float64, nan = unknown
    longitude: np.ndarray                # float64, nan = unknown
    max_distance_km: np.ndarray          # float64
    hours_per_week: np.ndarray           # float64, nan = not stated
    hours_committed: np.ndarray          # float64, taken by running matches
    days_waiting_first: np.ndarray       # float64, days waiting for a first match (0 if matched)
    intercultural_training: np.ndarray   # bool
    languages: Mapping[str, np.ndarray] = field(default_factory=dict)
    interests: Mapping[str, np.ndarray] = field(default_factory=dict)
    background: np.ndarray | None = None
    newcomer: np.ndarray | None = None   # bool: on the newcomer track; None = nobody
    email_lookup: Callable[[Sequence[int]], Mapping[int, str]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index) -> "Candidates":
        """The candidates at `index` (an index array or boolean mask), as a new set."""
        def pick(array):
            return None if array is None else array[index]
        return Candidates(
            **{f.name: pick(getattr(self, f.name)) for f in fields(self)
               if f.name not in ("languages", "interests", "email_lookup")},
            email_lookup=self.email_lookup,
            languages={code: levels[index] for code, levels in self.languages.items()},
            interests={tag: hits[index] for tag, hits in self.interests.items()},
        )


@dataclass(frozen=True)
class Reason:
    """One explaining sentence: a Dutch msgid with %(name)s placeholders, and its values.

    The Django layer translates `text` and turns coded values into words by their name:
    `language` (language code), `level`/`family_level` (level code), `slots` (slot codes),
    `activity`/`activities` (activity codes), `motivation` (motivation code), `interests`
    (tags), `km`, `max_km`, `hours`, `free`, `days`, `covered`, `requested` (numbers).
    """

    criterion: str
    text: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    index: int                   # row in the Candidates given
    volunteer_id: int
    email: str
    score: float                 # in [0, 1], rounded to SCORE_DECIMALS
    breakdown: Mapping[str, float]
    reasons: Sequence[Reason]


@dataclass(frozen=True)
class Exclusion:
    index: int
    volunteer_id: int
    email: str
    reason: str                  # a code of codes.EXCLUSION_REASONS
