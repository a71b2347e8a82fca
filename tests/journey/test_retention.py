"""AVG retention: former volunteers are anonymised after the organisation's period."""

import logging
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from core.models import AuditEvent, User
from journey import services
from journey.models import JourneySettings, TimelineEvent
from journey.retention import months_before, retention_apply
from journey.selectors import journey_funnel
from journey.tasks import apply_retention
from volunteers.models import Volunteer, VolunteerLanguage

from .conftest import at

pytestmark = pytest.mark.django_db


def leave(volunteer, by, *, when, keep_in_touch=False):
    services.journey_exit(volunteer=volunteer, reason="moved", feedback="Verhuist naar Zwolle",
                          keep_in_touch=keep_in_touch, by=by, now=when)


@pytest.fixture
def leaver(volunteer_a, coordinator_a):
    services.journey_add_note(volunteer=volunteer_a, note="Belde Sara, gaat goed",
                              by=coordinator_a, now=at(2026, 1, 10))
    leave(volunteer_a, coordinator_a, when=at(2026, 2, 1))
    return volunteer_a


def test_months_before_keeps_the_day_or_takes_the_last_one():
    assert months_before(at(2028, 2, 1), 24) == at(2026, 2, 1)
    assert months_before(at(2026, 3, 31), 1) == at(2026, 2, 28)


def test_nothing_happens_before_the_period_is_over(leaver):
    assert retention_apply(now=at(2028, 1, 31, 23))["anonymised"] == 0
    leaver.refresh_from_db()
    assert leaver.first_name == "Sara" and leaver.anonymised_at is None


def test_after_the_period_personal_data_goes_and_the_row_stays(leaver, caplog):
    user_id = leaver.user_id
    with caplog.at_level(logging.INFO, logger="journey.retention"):
        assert retention_apply(now=at(2028, 2, 1, 11))["anonymised"] == 1
    leaver.refresh_from_db()
    assert leaver.anonymised_at == at(2028, 2, 1, 11)
    assert (leaver.first_name, leaver.last_name, leaver.phone, leaver.postcode) == ("", "", "", "")
    assert leaver.latitude is None and leaver.longitude is None and leaver.birth_year is None
    assert leaver.interests == [] and leaver.background == "" and leaver.user_id is None
    assert not User.objects.filter(pk=user_id).exists()
    assert not VolunteerLanguage.objects.filter(volunteer=leaver).exists()
    journey = leaver.journeys.get()
    assert journey.exit_feedback == ""
    assert not TimelineEvent.objects.filter(volunteer=leaver).exclude(note="").exists()
    # Still counted: the row, its status and its journey stay for the statistics.
    assert Volunteer.objects.filter(organisation=leaver.organisation, status="alumni").count() == 1
    assert journey_funnel(organisation=leaver.organisation).total == 1
    assert AuditEvent.objects.filter(action="erase", subject_id=leaver.pk).count() == 1
    # The log names ids and counts, never names.
    assert f"[{leaver.pk}]" in caplog.text and "Sara" not in caplog.text

    # Twice is safe: nothing more happens, nothing is logged as anonymised.
    assert retention_apply(now=at(2028, 2, 2, 11))["anonymised"] == 0
    assert AuditEvent.objects.filter(action="erase", subject_id=leaver.pk).count() == 1


def test_alumni_who_stay_in_touch_are_left_alone(volunteer_a, coordinator_a):
    leave(volunteer_a, coordinator_a, when=at(2026, 2, 1), keep_in_touch=True)
    assert retention_apply(now=at(2030, 1, 1))["anonymised"] == 0
    volunteer_a.refresh_from_db()
    assert volunteer_a.first_name == "Sara"


def test_the_period_is_set_per_organisation(leaver, volunteer_b, coordinator_b, org_a):
    leave(volunteer_b, coordinator_b, when=at(2026, 2, 1))
    JourneySettings.objects.create(organisation=org_a, retention_months=6)
    assert retention_apply(now=at(2026, 8, 2))["anonymised"] == 1
    leaver.refresh_from_db()
    volunteer_b.refresh_from_db()
    assert leaver.anonymised_at is not None and volunteer_b.anonymised_at is None


def test_someone_who_came_back_is_not_anonymised(leaver, coordinator_a):
    services.journey_reactivate(volunteer=leaver, by=coordinator_a, now=at(2026, 9, 1))
    assert retention_apply(now=at(2030, 1, 1))["anonymised"] == 0
    leaver.refresh_from_db()
    assert leaver.first_name == "Sara" and leaver.status == "intake"


def test_the_beat_task_and_the_command(leaver):
    with time_machine.travel(at(2028, 3, 1), tick=False):
        apply_retention.delay()
        apply_retention.delay()
    leaver.refresh_from_db()
    assert leaver.anonymised_at == at(2028, 3, 1)
    out = StringIO()
    call_command("apply_retention", "--now", "2028-03-02T03:30", stdout=out)
    assert "0 volunteers anonymised" in out.getvalue()


def test_an_erase_by_the_volunteers_app_clears_the_journey_notes(leaver):
    """The volunteers app cannot call the journey; saving the volunteer as anonymised is
    enough for the notes, feedback and certificate to go."""
    from django.utils import timezone

    leaver.first_name, leaver.anonymised_at = "", timezone.now()
    leaver.save()
    assert not TimelineEvent.objects.filter(volunteer=leaver).exclude(note="").exists()
    assert leaver.journeys.get().exit_feedback == ""
