"""The caregiver's answer link: signed (django.core.signing), expiring after the
organisation's `caregiver_link_days`, and single use (Match.caregiver_answered_at is the
used marker, so a second click says "already answered" instead of answering twice).

The moment of issue is inside the signed payload, so expiry is checked against the `now`
the caller passes (time-travel tests) rather than the clock of the signer.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core import signing

from .models import Match

SALT = "koppel.matchmaking.caregiver-answer"


class LinkState:
    OPEN = "open"            # valid: the caregiver may answer
    USED = "used"            # answered already (by this link or by staff after a call)
    EXPIRED = "expired"      # older than the organisation's caregiver_link_days
    CLOSED = "closed"        # the match moved on without the caregiver (declined meanwhile)


@dataclass
class CheckedLink:
    match: Match
    state: str
    issued_at: datetime


def caregiver_token(match: Match, *, now) -> str:
    return signing.dumps({"m": match.pk, "t": int(now.timestamp())}, salt=SALT)


def caregiver_link_check(token: str, *, now, valid_days: int | None = None) -> CheckedLink | None:
    """The match behind `token` and whether it can still be answered; None when the token
    is not one of ours (tampered, truncated, or for a match that no longer exists)."""
    try:
        payload = signing.loads(token, salt=SALT)
        match_id, issued = int(payload["m"]), int(payload["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    match = (Match.objects.select_related("organisation", "request__caregiver",
                                          "request__recipient", "volunteer")
             .filter(pk=match_id).first())
    if match is None:
        return None
    issued_at = datetime.fromtimestamp(issued, tz=UTC)
    if valid_days is None:
        from .selectors import match_settings_for

        valid_days = match_settings_for(organisation=match.organisation).caregiver_link_days
    if match.caregiver_answered_at is not None:
        state = LinkState.USED
    elif match.status != Match.Status.VOLUNTEER_ACCEPTED:
        state = LinkState.CLOSED
    elif now > issued_at + timedelta(days=valid_days):
        state = LinkState.EXPIRED
    else:
        state = LinkState.OPEN
    return CheckedLink(match=match, state=state, issued_at=issued_at)
