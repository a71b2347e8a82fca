"""People for the matching tests, described the way a matchmaker would."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from matchmaking import services
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


@pytest.fixture
def proposal(volunteer, help_request, matchmaker_a, django_capture_on_commit_callbacks):
    """A fresh proposal; the caregiver reads e-mail (in Dutch) unless a test changes that."""
    def make(*, channel="email", caregiver_language="nl", volunteer_language="nl", now=None,
             email="sara@example.nl"):
        sara = volunteer(email)
        sara.user.language = volunteer_language
        sara.user.save()
        request = help_request()
        caregiver = request.caregiver
        caregiver.contact_channel, caregiver.language = channel, caregiver_language
        caregiver.save()
        with django_capture_on_commit_callbacks(execute=True):
            return services.match_propose(request=request, volunteer=sara, by=matchmaker_a,
                                          now=now)
    return make
