"""The vocabulary codes the scoring needs, in plain Python (no Django).

The order of MOTIVATIONS and ACTIVITIES is the bit order of the CodeSetFields in the
database (core.vocabulary), so masks read from SQL can be used here as they are. A test
keeps these tuples equal to core.vocabulary; codes are only ever appended.
"""

from core.slots import ALL_SLOTS  # pure: no Django

MOTIVATIONS = (
    "help_others", "social_contact", "useful", "use_skills", "learn", "work_experience",
    "practice_dutch", "belonging", "variety", "civic_duty",
)
ACTIVITIES = (
    "companionship", "respite", "groceries", "transport", "odd_jobs", "administration",
    "walking", "outings", "digital_help", "language_buddy", "interpreting", "homework", "meals",
)
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
LEVEL_ORDER = {code: rank for rank, code in enumerate(LEVELS, start=1)}
USABLE_LEVEL = LEVEL_ORDER["A2"]   # both sides at least A2 in one language
NATIVE = LEVEL_ORDER["native"]
B2 = LEVEL_ORDER["B2"]

# Commitment as a small integer per volunteer (0 = not stated).
COMMITMENTS = ("one_off", "short", "long")
COMMITMENT_INDEX = {code: i for i, code in enumerate(COMMITMENTS, start=1)}

# Gender as a small integer per volunteer (0 = not stated).
GENDERS = ("female", "male", "other")
GENDER_INDEX = {code: i for i, code in enumerate(GENDERS, start=1)}

SLOTS = ALL_SLOTS

# Why a volunteer is left out, in the order they are checked: a volunteer who fails
# several constraints is reported with the first one (the most fundamental).
EXCLUSION_REASONS = (
    "not_available",        # paused, inactive, still in intake, alumni
    "rejected_before",      # rejected, declined or dissolved for this request
    "no_capacity",          # hours per week already taken by running matches
    "gender_preference",    # the request asks for a gender the volunteer is not (or did not state)
    "no_shared_language",   # no language both sides speak at A2 or better
    "no_slot_overlap",      # not free at any of the requested times
    "too_far",              # farther than the volunteer wants to travel (both locations known)
)
EXCLUSION_INDEX = {code: i for i, code in enumerate(EXCLUSION_REASONS, start=1)}


def activity_mask(codes) -> int:
    return _mask(codes, ACTIVITIES)


def motivation_mask(codes) -> int:
    return _mask(codes, MOTIVATIONS)


def slot_mask(codes) -> int:
    return _mask(codes, SLOTS)


def _mask(codes, order) -> int:
    mask = 0
    for code in codes:
        mask |= 1 << order.index(code)
    return mask


def codes_of(mask: int, order) -> list[str]:
    return [code for i, code in enumerate(order) if mask >> i & 1]


def normalise_background(text: str | None) -> str:
    """Stated backgrounds are compared as written, ignoring case and spacing only."""
    return " ".join((text or "").split()).casefold()


def normalise_interest(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()
