"""Funnel figures for the dashboard: volunteers per phase and step, and how long they stay."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journey import services
from journey.models import Journey
from journey.selectors import journey_funnel
from tests.factories import VolunteerFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def intake(org, when):
    return VolunteerFactory(organisation=org, status="intake", signed_up_at=when, created_at=when)


def through_intake(volunteer, by, *, contact, done):
    journey = volunteer.journeys.get()
    for code in ("first_contact", "intake_conversation"):
        services.journey_complete_step(
            step=journey.steps.select_related("definition", "journey").get(definition__code=code),
            by=by, now=contact)
    services.journey_complete_intake(journey=journey, by=by, now=done)


def test_phases_steps_and_median_days(org_a, coordinator_a):
    intake(org_a, at(2026, 3, 1))  # still waiting for a first contact
    contacted = intake(org_a, at(2026, 3, 1))
    services.journey_complete_step(
        step=contacted.journeys.get().steps.select_related("definition", "journey")
        .get(definition__code="first_contact"), by=coordinator_a, now=at(2026, 3, 3))
    quick, slow = intake(org_a, at(2026, 1, 1)), intake(org_a, at(2026, 1, 1))
    through_intake(quick, coordinator_a, contact=at(2026, 1, 3), done=at(2026, 1, 11))
    through_intake(slow, coordinator_a, contact=at(2026, 1, 5), done=at(2026, 1, 31))
    services.journey_exit(volunteer=slow, reason="time", feedback="-", keep_in_touch=False,
                          by=coordinator_a, now=at(2026, 3, 2))

    funnel = journey_funnel(organisation=org_a, now=at(2026, 3, 11))
    phases = {f.phase: f for f in funnel.phases}
    assert funnel.total == 4
    assert (phases["intake"].count, phases["active"].count, phases["exit"].count) == (2, 1, 1)
    assert phases["intake"].median_days_now == 10.0
    assert phases["intake"].median_days_done == 20.0  # 10 and 30 days
    assert phases["active"].median_days_done == 30.0  # slow: 31 January to 2 March
    steps = {f.definition.code: f for f in funnel.steps}
    assert steps["first_contact"].count == 1 and steps["intake_conversation"].count == 1
    assert steps["first_contact"].median_days == 2.0  # 2, 2 and 4 days
    # quick waits for a first deployment; slow had the exit conversation, help is next.
    assert steps["first_deployment"].count == 1 and steps["next_step"].count == 1


def test_constant_number_of_queries(org_a, coordinator_a):
    for day in range(1, 4):
        intake(org_a, at(2026, 3, day))
    with CaptureQueriesContext(connection) as few:
        journey_funnel(organisation=org_a)
    for day in range(1, 21):
        through_intake(intake(org_a, at(2026, 2, day)), coordinator_a,
                       contact=at(2026, 2, 25), done=at(2026, 3, 1))
    with CaptureQueriesContext(connection) as many:
        journey_funnel(organisation=org_a)
    assert len(many) == len(few) <= 4


def test_ensure_journeys_command(org_a, org_b):
    volunteers = [VolunteerFactory(organisation=org, status="active") for org in (org_a, org_b)]
    Journey.objects.all().delete()
    out = StringIO()
    call_command("ensure_journeys", "--organisation", "org-a", stdout=out)
    assert "Journeys started: 1" in out.getvalue()
    call_command("ensure_journeys", stdout=out)
    call_command("ensure_journeys", stdout=out)
    assert out.getvalue().splitlines() == ["Journeys started: 1", "Journeys started: 1",
                                           "Journeys started: 0"]
    assert all(v.journeys.count() == 1 for v in volunteers)
