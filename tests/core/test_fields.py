"""CodeSetField and slot masks: what users filter on must match exactly."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.slots import ALL_SLOTS, mask_from_slots, parse_slot, slots_from_mask
from volunteers.models import Volunteer

from ..factories import VolunteerFactory


@given(st.sets(st.sampled_from(ALL_SLOTS)))
def test_slot_mask_round_trip(slots):
    assert set(slots_from_mask(mask_from_slots(slots))) == slots


@pytest.mark.parametrize("text", ["mon:night", "maandag:ochtend", "mon", "", "mon:morning:x"])
def test_bad_slots_are_refused(text):
    with pytest.raises(ValueError):
        parse_slot(text)


@pytest.mark.django_db
def test_filters_by_slot_and_activity_in_sql(org_a):
    tuesday = VolunteerFactory(organisation=org_a, slots=["tue:afternoon"], activities=["walking"])
    VolunteerFactory(organisation=org_a, slots=["wed:evening"], activities=["groceries"])
    assert list(Volunteer.objects.filter(slots__overlaps=["tue:afternoon", "sun:morning"])) == [
        tuesday]
    assert list(Volunteer.objects.filter(activities__has="walking")) == [tuesday]
    assert Volunteer.objects.filter(slots__hasall=["tue:afternoon", "wed:evening"]).count() == 0
    tuesday.refresh_from_db()
    assert tuesday.slots == ["tue:afternoon"]


@pytest.mark.django_db
def test_unknown_code_is_a_validation_error(org_a):
    volunteer = VolunteerFactory.build(organisation=org_a, activities=["skydiving"])
    with pytest.raises(ValidationError, match="Onbekende code"):
        volunteer.full_clean(exclude=["user", "organisation"])
