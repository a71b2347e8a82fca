"""Which check-ins a match gets: the organisation's moments, more of them when the working
agreements (placements.WorkingAgreement, seed 004) say both sides check expectations often,
and the supporter of a duo placement as a third party during their weeks.

The organisation's own moments (14 days, 3 and 6 months by default) always stay: durability
and the matchmaker's follow-up rest on them. The agreed frequency adds moments:

    every two weeks   every 14 days for the first 3 months (d28 ... d84), then the usual ones
    every month       every 30 days for the first 6 months (d30, d60, d120, d150), then usual
    every workday     a weekly check-in for the first month (d7, d21, d28): the daily talk
                      happens on the spot, an e-mail every day would be noise
    otherwise         the usual moments only

An added moment within CLOSE_DAYS of a usual one is left out (d90 next to d91).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

# frequency: (every n days, up to and including day)
EXTRA_MOMENTS = {
    "biweekly": (14, 91),
    "monthly": (30, 182),
    "workday": (7, 28),
}
CLOSE_DAYS = 3


def moments_for(usual: list[int], frequency: str) -> list[int]:
    """Days after the start at which both sides are asked how it goes (pure)."""
    days = set(usual)
    every, until = EXTRA_MOMENTS.get(frequency or "", (0, 0))
    if every:
        for day in range(every, until + 1, every):
            if all(abs(day - other) > CLOSE_DAYS for other in usual):
                days.add(day)
    return sorted(days)


def supporter_moments(moments: list[int], *, start: datetime, until) -> list[int]:
    """The moments that fall in the supporter's weeks (on or before `until`, a date)."""
    return [days for days in moments
            if timezone.localdate(start + timedelta(days=days)) <= until]


def agreed_frequency(match) -> str:
    from placements.selectors import agreement_of

    agreement = agreement_of(match=match)
    return agreement.check_frequency if agreement is not None else ""


def supporter_of(match):
    from placements.selectors import supporter_of as find

    return find(match=match)


def supporter_call_title(moment: str) -> str:
    """The matchmaker's task for a supporter who prefers the phone (stored, so Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Bel de begeleider voor de check-in (%(moment)s)") % {"moment": moment}
