"""Build requests and volunteers for the pure scoring tests in a few words."""

from matchmaking.scoring import RequestProfile, rank
from matchmaking.scoring.codes import LEVEL_ORDER, activity_mask, normalise_background, slot_mask
from matchmaking.scoring.records import VolunteerRecord, candidates_from_records

UTRECHT = (52.0907, 5.1214)


def request(**fields) -> RequestProfile:
    fields.setdefault("reference", "REQ-0042")
    fields["slots"] = slot_mask(fields.get("slots", ["tue:afternoon", "thu:afternoon"]))
    fields["activities"] = activity_mask(fields.get("activities", ["companionship"]))
    fields["languages"] = {code: LEVEL_ORDER[level] for code, level in
                           fields.get("languages", {"nl": "native"}).items()}
    location = fields.pop("location", UTRECHT)
    if location is not None:
        fields["latitude"], fields["longitude"] = location
    fields["background"] = normalise_background(fields.get("background", ""))
    fields.setdefault("frequency", "weekly")
    fields.setdefault("commitment", "long")
    return RequestProfile(**fields)


_next_id = iter(range(1, 10_000_000))


def volunteer(email, **fields) -> VolunteerRecord:
    fields.setdefault("id", next(_next_id))
    fields.setdefault("slots", ["tue:afternoon", "thu:afternoon"])
    fields.setdefault("languages", {"nl": "native"})
    fields.setdefault("activities", ["companionship"])
    fields.setdefault("motivations", ["help_others"])
    fields.setdefault("hours_per_week", 4)
    fields.setdefault("commitment", "long")
    location = fields.pop("location", UTRECHT)
    if location is not None:
        fields["latitude"], fields["longitude"] = location
    return VolunteerRecord(email=email, **fields)


def ranking(req, volunteers, weights=None):
    candidates = candidates_from_records(volunteers)
    return rank(req, candidates) if weights is None else rank(req, candidates, weights)


def ranked_emails(req, volunteers, weights=None) -> list[str]:
    return [s.email for s in ranking(req, volunteers, weights).top()]


def excluded(req, volunteers) -> dict[str, str]:
    return {e.email: e.reason for e in ranking(req, volunteers).exclusions()}


def suggestion(req, volunteers, email):
    return next(s for s in ranking(req, volunteers).top() if s.email == email)
