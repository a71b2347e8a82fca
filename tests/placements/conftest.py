import pytest

from matchmaking.models import Match
from tests.factories import HelpRequestFactory, UserFactory, VolunteerFactory
from volunteers import services as volunteer_services


@pytest.fixture
def newcomer(volunteer_a):
    """Sara, on the newcomer track."""
    volunteer_services.volunteer_set_newcomer(volunteer=volunteer_a, newcomer=True)
    return volunteer_a


@pytest.fixture
def help_request(org_a):
    return HelpRequestFactory(organisation=org_a, reference="REQ-0101")


@pytest.fixture
def match(org_a, newcomer, help_request):
    return Match.objects.create(organisation=org_a, request=help_request, volunteer=newcomer,
                                score=0.8, status=Match.Status.CAREGIVER_ACCEPTED)


@pytest.fixture
def experienced(org_a):
    """Henk, an experienced volunteer of the same organisation."""
    return VolunteerFactory(organisation=org_a, user=UserFactory(email="henk@a.example"),
                            first_name="Henk", last_name="Bakker")
