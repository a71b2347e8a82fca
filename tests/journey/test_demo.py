from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from journey.models import Certificate, Journey, JourneyStep, TimelineEvent
from volunteers.models import Volunteer


@pytest.mark.django_db
def test_demo_journeys_look_alive_and_seed_once():
    call_command("seed_demo", "--force", stdout=StringIO())
    assert Journey.objects.count() == Volunteer.objects.count() == 200
    today = timezone.localdate()
    overdue = JourneyStep.objects.filter(completed_at=None, journey__ended_at=None,
                                         due_date__lt=today)
    owners = set(overdue.values_list("owner__email", flat=True))
    assert overdue.count() >= 10
    assert owners == {"coordinator@demo.koppel.nl", "coordinator2@demo.koppel.nl"}
    phases = set(Journey.objects.values_list("phase", flat=True))
    assert {"intake", "active", "exit"} <= phases
    assert TimelineEvent.objects.filter(kind="training").exists()
    assert TimelineEvent.objects.filter(kind="match_started").exists()
    assert Certificate.objects.filter(
        journey__volunteer__user__email="vrijwilliger@demo.koppel.nl").exists()
    from django.urls import reverse

    from core.models import User
    from tests.conftest import login
    from tests.factories import activate_totp

    demo_coordinator = User.objects.get(email="coordinator@demo.koppel.nl")
    activate_totp(demo_coordinator)  # staff need a second factor outside the local demo
    coordinator = login(demo_coordinator)
    page = coordinator.get(reverse("journey:my_actions")).content.decode()
    assert "te laat" in page
    volunteer = Volunteer.objects.get(user__email="vrijwilliger@demo.koppel.nl")
    assert coordinator.get(reverse("journey:timeline", args=[volunteer.pk])).status_code == 200
    page = login(volunteer.user).get(reverse("journey:mine")).content.decode()
    assert "Je bent nu actief als" in page and "downloaden in het Nederlands" in page

    counts = (Journey.objects.count(), JourneyStep.objects.count(),
              TimelineEvent.objects.count(), Certificate.objects.count())
    call_command("seed_demo", "--force", stdout=StringIO())
    assert (Journey.objects.count(), JourneyStep.objects.count(),
            TimelineEvent.objects.count(), Certificate.objects.count()) == counts
