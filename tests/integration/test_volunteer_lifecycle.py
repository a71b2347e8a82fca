"""The apps together: a finished signup starts a journey; erasure and retention leave the
same trace (nothing of the person), whichever way they come."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from core.models import User
from journey.models import Journey, TimelineEvent
from journey.retention import volunteer_anonymise
from journey.services import journey_add_note
from volunteers.models import Volunteer
from volunteers.services import (
    volunteer_advance_signup,
    volunteer_confirm_signup,
    volunteer_erase,
    volunteer_signup_start,
)

from ..factories import UserFactory, VolunteerFactory


@pytest.mark.django_db
def test_a_journey_starts_when_the_signup_is_confirmed_not_before(org_a):
    user = UserFactory(email="nieuw@example.nl")
    volunteer = volunteer_signup_start(user=user, organisation=org_a,
                                       fields={"first_name": "Nina", "postcode": "3511"})
    volunteer_advance_signup(volunteer=volunteer, completed="about")
    assert not Journey.objects.filter(volunteer=volunteer).exists()
    volunteer_confirm_signup(volunteer=volunteer)
    journey = Journey.objects.get(volunteer=volunteer)
    assert journey.phase == "intake"


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["erase", "retention"])
def test_erasure_and_retention_leave_nothing_of_the_person(org_a, coordinator_a, how):
    volunteer = VolunteerFactory(organisation=org_a, user=UserFactory(email="weg@example.nl"),
                                 first_name="Wilma", last_name="Weggum", phone="0611122233",
                                 status="alumni")
    journey_add_note(volunteer=volunteer, note="Wilma belde over haar knie", by=coordinator_a)
    user_id = volunteer.user_id
    if how == "erase":
        volunteer_erase(volunteer=volunteer, actor=coordinator_a)
    else:
        assert volunteer_anonymise(volunteer=volunteer, now=timezone.now())
        assert not volunteer_anonymise(volunteer=volunteer, now=timezone.now())  # idempotent
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert volunteer.anonymised_at is not None
    assert (volunteer.first_name, volunteer.last_name, volunteer.phone) == ("", "", "")
    assert not User.objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(email="weg@example.nl").exists()
    notes = TimelineEvent.objects.filter(volunteer=volunteer).values_list("note", flat=True)
    assert not any("Wilma" in note for note in notes)
