from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from caregivers.models import HelpRequest
from core.models import Membership, Organisation
from dashboard.demo import HISTORY
from volunteers.models import Volunteer


def counts():
    return (Organisation.objects.count(), Membership.objects.count(),
            Volunteer.objects.count(), HelpRequest.objects.count())


@pytest.mark.django_db
def test_seed_demo_fills_a_living_organisation_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    first = counts()
    assert first[0] == 1 and first[1] == 5
    assert first[2] == 200 and first[3] == 60 + HISTORY   # and a year of earlier requests
    assert "coordinator@demo.koppel.nl" in out.getvalue()
    languages = set(Volunteer.objects.values_list("languages__language", flat=True))
    assert {"nl", "ar", "tr", "rif", "ti", "uk", "pl", "so"} <= languages
    assert len(set(Volunteer.objects.values_list("postcode", flat=True))) > 20

    call_command("seed_demo", "--force", stdout=StringIO())
    assert counts() == first


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
