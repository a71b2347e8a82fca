"""Pure scoring of volunteers for a help request: no Django, numpy for speed.

See engine.rank (one request), pairing.pair_globally (all open requests at once),
criteria (the rules and their constants) and motivation (the motivation table).
"""

from .codes import EXCLUSION_REASONS
from .engine import SCORE_DECIMALS, Ranking, rank
from .model import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    Candidates,
    Exclusion,
    Reason,
    RequestProfile,
    Suggestion,
    Weights,
    hours_needed,
)

__all__ = [
    "CRITERIA", "DEFAULT_WEIGHTS", "EXCLUSION_REASONS", "SCORE_DECIMALS", "Candidates",
    "Exclusion", "Ranking", "Reason", "RequestProfile", "Suggestion", "Weights", "hours_needed",
    "rank",
]
