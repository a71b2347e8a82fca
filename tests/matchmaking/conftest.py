"""People for the matching tests, described the way a matchmaker would."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import HelpRequestFactory, UserFactory, VolunteerFactory

# Utrecht centre and places around it (latitude, longitude).
DOM = (52.0907, 5.1214)
NEAR = (52.0950, 5.1300)       # about 0.8 km from DOM
ZEIST = (52.0894, 5.2333)      # about 7.7 km
AMERSFOORT = (52.1561, 5.3878)  # about 19.5 km


@pytest.fixture
def volunteer(org_a):
    def make(email, *, languages=None, location=DOM, **fields):
        lat, lon = location if location else (None, None)
        return VolunteerFactory(organisation=fields.pop("organisation", org_a),
                                user=UserFactory(email=email),
                                languages=languages or {"nl": "native"},
                                latitude=lat, longitude=lon, **fields)
    return make


@pytest.fixture
def help_request(org_a):
    def make(reference="REQ-0042", *, languages=None, location=DOM, **fields):
        lat, lon = location if location else (None, None)
        fields.setdefault("received_at", timezone.now())
        return HelpRequestFactory(organisation=fields.pop("organisation", org_a),
                                  reference=reference, languages=languages or {"nl": "native"},
                                  latitude=lat, longitude=lon, **fields)
    return make


def suggest(*args) -> dict:
    out = StringIO()
    call_command("suggest_matches", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def suggest_text(*args) -> str:
    out = StringIO()
    call_command("suggest_matches", *args, stdout=out)
    return out.getvalue()


def emails(payload) -> list[str]:
    return [c["volunteer"] for c in payload["candidates"]]
