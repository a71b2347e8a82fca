"""Shared data for the caregivers tests."""

import pytest

from core.models import Postcode


def intake_data(**overrides) -> dict:
    """The least a coordinator types for a request taken by phone."""
    data = {
        "action": "save",
        "cg-name": "Samira Bouzid",
        "cg-phone": "06 1234 5678",
        "cg-email": "",
        "cg-contact_channel": "phone",
        "cg-languages_0_language": "Turks",
        "cg-languages_0_level": "native",
        "cg-languages_1_language": "nl",
        "cg-languages_1_level": "B1",
        "cg-consent_data": "on",
        "rq-activities": ["companionship"],
        "rq-slots": ["tue:afternoon"],
        "rq-postcode": "3511ab",
        "rq-culture_preference": "open",
        "rq-gender_preference": "any",
        "rq-urgency": "normal",
        "rq-source": "self",
        "next_status": "intake_done",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def utrecht(db):
    return Postcode.objects.create(code="3511", latitude=52.0929, longitude=5.1145,
                                   name="Binnenstad")
