"""A running match for the check-in tests: Sara (volunteer_a) helps the caregiver Mevrouw
Jansen, who reads her e-mail; the match went active on 2 March 2026 at 10:00."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from matchmaking.models import Match
from tests.factories import CaregiverFactory, HelpRequestFactory

AMS = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


START = at(2026, 3, 2)


def make_match(organisation, volunteer, *, status=Match.Status.ACTIVE, active_at=START,
               caregiver_email="jansen@example.nl", channel="email", **fields):
    caregiver = CaregiverFactory(organisation=organisation, name="Mevrouw Jansen",
                                 email=caregiver_email, contact_channel=channel)
    request = HelpRequestFactory(organisation=organisation, caregiver=caregiver)
    return Match.objects.create(organisation=organisation, request=request, volunteer=volunteer,
                                status=status, score=0.8,
                                active_at=active_at if status == Match.Status.ACTIVE else None,
                                **fields)


@pytest.fixture
def match(org_a, volunteer_a, matchmaker_a):
    return make_match(org_a, volunteer_a, proposed_by=matchmaker_a)
