from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import VolunteerFactory

AMS = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0):
    """A moment in Dutch local time, for time-travel tests."""
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.fixture
def signup(org_a, coordinator_a):
    """A volunteer who signed up on Monday 2 March 2026 (coordinator_a exists first, so
    the journey's actions are theirs)."""
    moment = at(2026, 3, 2)
    return VolunteerFactory(organisation=org_a, status="intake", signed_up_at=moment,
                            created_at=moment, first_name="Ayşe", last_name="Yılmaz")
