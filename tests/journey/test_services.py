from datetime import date, timedelta

import pytest

from journey import services
from journey.models import Journey, JourneyStep, Phase, StepDefinition, TimelineEvent
from journey.services import JourneyError
from tests.factories import MembershipFactory, UserFactory, VolunteerFactory
from volunteers.models import Volunteer

from .conftest import at

pytestmark = pytest.mark.django_db


def step(journey, code):
    return journey.steps.select_related("definition", "journey").get(
        definition__code=code, completed_at=None)


def open_codes(journey):
    return set(journey.steps.filter(completed_at=None).values_list("definition__code", flat=True))


def test_signup_starts_instroom_with_due_dates_from_the_seeds(signup, coordinator_a):
    journey = signup.journeys.get()
    assert journey.phase == Phase.INTAKE and journey.number == 1
    assert journey.coordinator == coordinator_a
    steps = {s.definition.code: s for s in journey.steps.select_related("definition")}
    assert steps["signed_up"].completed_at == at(2026, 3, 2)
    # First contact within a few days of signing up, the intake conversation within two weeks.
    assert steps["first_contact"].due_date == date(2026, 3, 5)
    assert steps["intake_conversation"].due_date == date(2026, 3, 16)
    assert steps["ready_to_match"].due_date == date(2026, 4, 27)
    assert all(s.owner == coordinator_a for s in steps.values())
    assert TimelineEvent.objects.filter(volunteer=signup, kind="signed_up").count() == 1


def test_an_imported_active_volunteer_starts_in_doorstroom(org_a, coordinator_a):
    volunteer = VolunteerFactory(organisation=org_a, status="active", created_at=at(2026, 1, 5),
                                 signed_up_at=None)
    journey = volunteer.journeys.get()
    assert journey.phase == Phase.ACTIVE and journey.imported
    assert journey.intake_completed_at == at(2026, 1, 5)
    assert "guidance_conversation" in open_codes(journey)
    assert not journey.steps.filter(phase=Phase.INTAKE).exists()
    event = TimelineEvent.objects.get(volunteer=volunteer)
    assert event.kind == "imported" and "geïmporteerd" in event.note


def test_an_imported_alumnus_starts_the_retention_clock_today(org_a):
    volunteer = VolunteerFactory(organisation=org_a, status="alumni")
    journey = volunteer.journeys.get()
    assert journey.phase == Phase.ALUMNI and journey.exit_started_at is not None
    assert journey.ended_at is not None and not journey.steps.exists()


def test_a_half_finished_signup_gets_its_journey_when_it_is_confirmed(org_a):
    volunteer = VolunteerFactory(organisation=org_a, status="intake", signup_step="languages")
    assert not volunteer.journeys.exists()
    volunteer.first_name = "Oksana"
    volunteer.save(update_fields=["first_name"])
    assert not volunteer.journeys.exists()
    volunteer.signup_step = ""
    volunteer.save(update_fields=["signup_step"])
    assert volunteer.journeys.get().phase == Phase.INTAKE
    volunteer.save()
    assert volunteer.journeys.count() == 1


def test_new_volunteers_are_spread_over_the_coordinators(org_a, coordinator_a):
    other = UserFactory(email="joris@a.example")
    MembershipFactory(user=other, organisation=org_a, role="coordinator")
    owners = [VolunteerFactory(organisation=org_a, status="intake").journeys.get().coordinator
              for _ in range(4)]
    assert owners.count(coordinator_a) == 2 and owners.count(other) == 2


def test_instroom_needs_first_contact_and_intake_conversation(signup, coordinator_a):
    journey = signup.journeys.get()
    with pytest.raises(JourneyError, match="Eerste contact"):
        services.journey_complete_intake(journey=journey, by=coordinator_a, now=at(2026, 3, 4))
    signup.refresh_from_db()
    assert signup.status == "intake"

    services.journey_complete_step(step=step(journey, "first_contact"), by=coordinator_a,
                                   now=at(2026, 3, 3))
    services.journey_complete_step(step=step(journey, "intake_conversation"), by=coordinator_a,
                                   now=at(2026, 3, 10), note="Leuk gesprek")
    # Completing "ready to be matched" is completing the instroom.
    services.journey_complete_step(step=step(journey, "ready_to_match"), by=coordinator_a,
                                   now=at(2026, 3, 20))
    journey.refresh_from_db()
    signup.refresh_from_db()
    assert signup.status == Volunteer.Status.ACTIVE
    assert journey.phase == Phase.ACTIVE and journey.intake_completed_at == at(2026, 3, 20)
    # Instroom steps nobody did are closed (skipped), not left hanging as overdue actions.
    vog = journey.steps.get(definition__code="vog_received")
    assert vog.skipped and vog.completed_at == at(2026, 3, 20)
    guidance = journey.steps.get(definition__code="guidance_conversation")
    assert guidance.due_date == date(2026, 3, 20) + timedelta(days=182)
    assert not journey.steps.filter(definition__code="thank_you_call").exists()


def active_journey(signup, coordinator):
    journey = signup.journeys.get()
    for code in ("first_contact", "intake_conversation"):
        services.journey_complete_step(step=step(journey, code), by=coordinator,
                                       now=at(2026, 3, 5))
    services.journey_complete_intake(journey=journey, by=coordinator, now=at(2026, 3, 10))
    journey.refresh_from_db()
    return journey


def test_a_match_becoming_active_is_the_first_deployment(signup, coordinator_a):
    journey = active_journey(signup, coordinator_a)
    services.journey_record_event(volunteer=signup, kind="matched", at=at(2026, 3, 20),
                                  data={"reference": "REQ-0042", "activities": ["walking"]})
    assert "first_deployment" in open_codes(journey)
    services.journey_record_event(volunteer=signup, kind="match_started", at=at(2026, 3, 24),
                                  data={"reference": "REQ-0042"})
    journey.refresh_from_db()
    assert journey.first_deployment_at == at(2026, 3, 24)
    # "After the first deployment I call to thank them and ask how it went."
    thanks = step(journey, "thank_you_call")
    assert thanks.due_date == date(2026, 3, 27)
    # A second match starting later is no new first deployment.
    services.journey_record_event(volunteer=signup, kind="match_started", at=at(2026, 6, 1))
    journey.refresh_from_db()
    assert journey.first_deployment_at == at(2026, 3, 24)
    assert journey.steps.filter(definition__code="thank_you_call").count() == 1
    kinds = list(TimelineEvent.objects.filter(volunteer=signup).values_list("kind", flat=True))
    assert kinds.count("match_started") == 2 and "matched" in kinds


def test_record_event_refuses_unknown_kinds(signup):
    with pytest.raises(ValueError):
        services.journey_record_event(volunteer=signup, kind="anonymised")


def test_guidance_conversation_comes_back_every_six_months(signup, coordinator_a):
    journey = active_journey(signup, coordinator_a)
    guidance = step(journey, "guidance_conversation")
    services.journey_complete_step(step=guidance, by=coordinator_a, now=at(2026, 9, 1))
    following = step(journey, "guidance_conversation")
    assert following.sequence == 2 and following.due_date == date(2027, 3, 2)
    with pytest.raises(JourneyError):
        services.journey_complete_step(step=guidance, by=coordinator_a, now=at(2026, 9, 2))
    assert journey.steps.filter(definition__code="guidance_conversation").count() == 2


def test_reschedule_keeps_the_original_date_and_can_hand_over(signup, coordinator_a, admin_a):
    journey = signup.journeys.get()
    first = step(journey, "first_contact")
    services.journey_reschedule_step(step=first, due_date=date(2026, 3, 9), by=coordinator_a,
                                     owner=admin_a, note="Op vakantie", now=at(2026, 3, 4))
    first.refresh_from_db()
    assert first.due_date == date(2026, 3, 9) and first.original_due_date == date(2026, 3, 5)
    assert first.rescheduled_count == 1 and first.owner == admin_a
    event = TimelineEvent.objects.get(volunteer=signup, kind="step_rescheduled")
    assert event.data["from"] == "2026-03-05" and event.data["to"] == "2026-03-09"


def test_a_training_is_recorded_and_completes_the_training_action(signup, coordinator_a):
    journey = active_journey(signup, coordinator_a)
    services.journey_add_note(volunteer=signup, note="", title="Omgaan met dementie",
                              training=True, by=coordinator_a, now=at(2026, 4, 2))
    assert "training" not in open_codes(journey)
    event = TimelineEvent.objects.get(volunteer=signup, kind="training")
    assert event.data["title"] == "Omgaan met dementie" and not event.automatic


def test_exit_and_reactivation_keep_history(signup, coordinator_a):
    journey = active_journey(signup, coordinator_a)
    services.journey_exit(volunteer=signup, reason="moved", feedback="Fijne tijd gehad",
                          keep_in_touch=True, ambassador=True, next_step_note="Voedselbank",
                          by=coordinator_a, now=at(2026, 10, 1))
    journey.refresh_from_db()
    signup.refresh_from_db()
    assert signup.status == Volunteer.Status.ALUMNI and journey.phase == Phase.EXIT
    assert open_codes(journey) == {"farewell", "certificate"}
    assert not journey.steps.filter(phase=Phase.ACTIVE, completed_at=None).exists()
    with pytest.raises(JourneyError):
        services.journey_start_exit(volunteer=signup, reason="time", by=coordinator_a)

    for code in ("farewell", "certificate"):
        services.journey_complete_step(step=step(journey, code), by=coordinator_a,
                                       now=at(2026, 10, 8))
    journey.refresh_from_db()
    assert journey.phase == Phase.ALUMNI and journey.ended_at == at(2026, 10, 8)

    second = services.journey_reactivate(volunteer=signup, by=coordinator_a, now=at(2027, 5, 3))
    signup.refresh_from_db()
    assert signup.status == Volunteer.Status.INTAKE
    assert second.number == 2 and second.phase == Phase.INTAKE
    assert "first_contact" in open_codes(second)
    journey.refresh_from_db()
    assert journey.exit_feedback == "Fijne tijd gehad" and journey.ended_at == at(2026, 10, 8)
    assert TimelineEvent.objects.filter(journey=journey).count() > 5
    with pytest.raises(JourneyError):
        services.journey_reactivate(volunteer=signup, by=coordinator_a, now=at(2027, 5, 4))


def test_only_one_open_journey_per_volunteer(signup):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Journey.objects.create(organisation=signup.organisation, volunteer=signup, number=2)


def test_ensure_journeys_backfills_once(org_a):
    volunteers = VolunteerFactory.create_batch(3, organisation=org_a, status="active")
    Journey.objects.filter(volunteer__in=volunteers[:2]).delete()
    assert services.ensure_journeys(organisation=org_a) == 2
    assert services.ensure_journeys(organisation=org_a) == 0
    assert Journey.objects.filter(volunteer__in=volunteers).count() == 3


def test_organisation_settings_change_new_journeys(org_a, coordinator_a):
    definitions = services.step_definitions_ensure(organisation=org_a)
    StepDefinition.objects.filter(pk=definitions["vog_requested"].pk).update(active=False)
    StepDefinition.objects.filter(pk=definitions["first_contact"].pk).update(
        due_days=1, name="Welkomstbelletje")
    volunteer = VolunteerFactory(organisation=org_a, status="intake", created_at=at(2026, 5, 4),
                                 signed_up_at=at(2026, 5, 4))
    journey = volunteer.journeys.get()
    assert "vog_requested" not in open_codes(journey)
    first = step(journey, "first_contact")
    assert first.due_date == date(2026, 5, 5) and first.label == "Welkomstbelletje"
    assert JourneyStep.objects.filter(journey=journey).count() == 6
