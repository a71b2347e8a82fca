"""Who may see and do what on the journey pages, and what they show."""

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEvent
from journey.models import JourneyStep, StepDefinition, TimelineEvent
from tests.factories import VolunteerFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def timeline_url(volunteer):
    return reverse("journey:timeline", args=[volunteer.pk])


def test_timeline_for_staff_of_the_organisation_only(
        signup, volunteer_b, coordinator_a_client, matchmaker_a_client, coordinator_b_client,
        volunteer_a_client, anonymous_client, coordinator_a):
    response = coordinator_a_client.get(timeline_url(signup))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ayşe Yılmaz" in page and "Eerste contact" in page and "Instroom afronden" in page
    assert AuditEvent.objects.filter(actor=coordinator_a, action="view", subject_type="volunteer",
                                     subject_id=signup.pk).exists()
    # Matchmakers may read, not act.
    page = matchmaker_a_client.get(timeline_url(signup)).content.decode()
    assert "Eerste contact" in page and "Instroom afronden" not in page
    assert coordinator_a_client.get(timeline_url(volunteer_b)).status_code == 404
    assert coordinator_b_client.get(timeline_url(signup)).status_code == 404
    assert volunteer_a_client.get(timeline_url(signup)).status_code == 403
    assert anonymous_client.get(timeline_url(signup)).status_code == 302


def test_changes_need_a_coordinator(signup, matchmaker_a_client, coordinator_b_client):
    step = JourneyStep.objects.get(journey__volunteer=signup, definition__code="first_contact")
    for client, status in ((matchmaker_a_client, 403), (coordinator_b_client, 404)):
        assert client.post(reverse("journey:step_complete", args=[step.pk])).status_code == status
        assert client.post(reverse("journey:intake_complete", args=[signup.pk])).status_code \
            == status
        assert client.post(reverse("journey:note_add", args=[signup.pk]),
                           {"kind": "note", "note": "x"}).status_code == status
        assert client.get(reverse("journey:exit", args=[signup.pk])).status_code == status
        assert client.post(reverse("journey:reactivate", args=[signup.pk])).status_code == status
    step.refresh_from_db()
    assert step.completed_at is None
    assert not TimelineEvent.objects.filter(kind="note").exists()


def test_one_click_complete_and_reschedule(signup, coordinator_a_client, coordinator_a):
    step = JourneyStep.objects.get(journey__volunteer=signup, definition__code="first_contact")
    response = coordinator_a_client.post(reverse("journey:step_complete", args=[step.pk]),
                                         {"next": reverse("journey:my_actions")})
    assert response.status_code == 302 and response["Location"] == reverse("journey:my_actions")
    step.refresh_from_db()
    assert step.completed_by == coordinator_a
    # A second click (another tab) is a friendly message, not a 500 or a second event.
    response = coordinator_a_client.post(reverse("journey:step_complete", args=[step.pk]),
                                         follow=True)
    assert "al afgerond" in response.content.decode()
    assert TimelineEvent.objects.filter(kind="step_done", step=step).count() == 1
    # Someone else's site is not a place to send people back to.
    other = JourneyStep.objects.get(journey__volunteer=signup, definition__code="vog_requested")
    response = coordinator_a_client.post(reverse("journey:step_complete", args=[other.pk]),
                                         {"next": "https://evil.example/"})
    assert response["Location"] == timeline_url(signup)

    intake = JourneyStep.objects.get(journey__volunteer=signup,
                                     definition__code="intake_conversation")
    url = reverse("journey:step_reschedule", args=[intake.pk])
    assert coordinator_a_client.get(url).status_code == 200
    response = coordinator_a_client.post(url, {"due_date": "nonsense"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = coordinator_a_client.post(url, {"due_date": "2026-04-01", "note": "Ziek"})
    assert response.status_code == 302
    intake.refresh_from_db()
    assert str(intake.due_date) == "2026-04-01" and intake.rescheduled_count == 1


def test_note_and_training_forms(signup, coordinator_a_client):
    url = reverse("journey:note_add", args=[signup.pk])
    response = coordinator_a_client.post(url, {"kind": "training", "title": "", "note": "Goed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul de naam van de training in." in page and "Goed" in page
    coordinator_a_client.post(url, {"kind": "note", "note": "Belde even, alles goed"})
    page = coordinator_a_client.get(timeline_url(signup)).content.decode()
    assert "Belde even, alles goed" in page


def test_my_actions_lists_overdue_first(org_a, coordinator_a, coordinator_a_client, admin_a):
    early = VolunteerFactory(organisation=org_a, status="intake", first_name="Vroeg",
                             signed_up_at=at(2026, 3, 2), created_at=at(2026, 3, 2))
    late = VolunteerFactory(organisation=org_a, status="intake", first_name="Laat",
                            signed_up_at=at(2026, 3, 9), created_at=at(2026, 3, 9))
    assert early.journeys.get().coordinator == coordinator_a
    late.journeys.get().steps.update(owner=coordinator_a)
    with time_machine.travel(at(2026, 3, 12), tick=False):
        page = coordinator_a_client.get(reverse("journey:my_actions")).content.decode()
    assert page.index("Vroeg") < page.index("Laat")
    assert "7 dagen te laat" in page  # Vroeg's first contact was due 5 March
    assert "vandaag" in page  # Laat's first contact is due 12 March
    assert "1 actie te laat" in page and "1 voor vandaag" in page


def test_settings_page_renames_and_switches_off_steps(org_a, coordinator_a_client):
    url = reverse("journey:settings")
    page = coordinator_a_client.get(url).content.decode()
    assert "Begeleidingsgesprek" in page and 'value="24"' in page
    definitions = list(StepDefinition.objects.filter(organisation=org_a))
    data = {"settings-retention_months": "18", "steps-TOTAL_FORMS": len(definitions),
            "steps-INITIAL_FORMS": len(definitions), "steps-MIN_NUM_FORMS": 0,
            "steps-MAX_NUM_FORMS": 1000}
    for i, definition in enumerate(definitions):
        data[f"steps-{i}-id"] = definition.pk
        data[f"steps-{i}-name"] = "Kennismakingsgesprek" if definition.code == \
            "intake_conversation" else definition.name
        data[f"steps-{i}-due_days"] = definition.due_days if definition.due_days is not None else ""
        data[f"steps-{i}-repeat_days"] = definition.repeat_days or ""
        if definition.required:
            data[f"steps-{i}-required"] = "on"
        if definition.code != "vog_requested":
            data[f"steps-{i}-active"] = "on"
    bad = dict(data, **{"settings-retention_months": "0"})
    assert "1 tot 120" in coordinator_a_client.post(url, bad).content.decode()
    assert coordinator_a_client.post(url, data).status_code == 302
    org_a.journey_settings.refresh_from_db()
    assert org_a.journey_settings.retention_months == 18
    volunteer = VolunteerFactory(organisation=org_a, status="intake")
    labels = [s.label for s in volunteer.journeys.get().steps.select_related("definition")]
    assert "Kennismakingsgesprek" in labels and "VOG aangevraagd" not in labels


def test_settings_and_figures_need_the_right_role(matchmaker_a_client, volunteer_a_client):
    assert matchmaker_a_client.get(reverse("journey:settings")).status_code == 403
    assert matchmaker_a_client.get(reverse("journey:funnel")).status_code == 200
    assert volunteer_a_client.get(reverse("journey:funnel")).status_code == 403
    assert matchmaker_a_client.get(reverse("journey:my_actions")).status_code == 403


def test_the_volunteer_sees_their_own_journey_in_warm_words(volunteer_a, volunteer_a_client,
                                                            coordinator_a, anonymous_client,
                                                            coordinator_a_client):
    journey = volunteer_a.journeys.get()
    journey.intake_completed_at = at(2026, 3, 12)
    journey.save()
    from journey import services

    services.journey_add_note(volunteer=volunteer_a, note="", title="Omgaan met dementie",
                              training=True, by=coordinator_a, now=at(2026, 4, 1))
    services.journey_add_note(volunteer=volunteer_a, note="Interne notitie", by=coordinator_a)
    page = volunteer_a_client.get(reverse("journey:mine")).content.decode()
    assert "Je bent nu actief als maatje sinds maart 2026." in page
    assert "Omgaan met dementie" in page
    assert "Interne notitie" not in page  # coordinators' notes are theirs
    assert anonymous_client.get(reverse("journey:mine")).status_code == 302
    assert coordinator_a_client.get(reverse("journey:mine")).status_code == 404
