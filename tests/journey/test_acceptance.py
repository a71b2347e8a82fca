"""Issue 7's "done when", through the test client: a coordinator takes a volunteer from
signup through intake, first deployment, a guidance conversation and an exit conversation
to a certificate, and re-activates them later with history intact."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from journey import services
from journey.models import Journey, JourneyStep, TimelineEvent
from tests.conftest import login
from tests.factories import UserFactory, VolunteerFactory
from volunteers.models import Volunteer

from .conftest import at

pytestmark = pytest.mark.django_db


def open_step(volunteer, code):
    return JourneyStep.objects.get(journey__volunteer=volunteer, journey__ended_at=None,
                                   definition__code=code, completed_at=None)


def complete(client, volunteer, code):
    step = open_step(volunteer, code)
    response = client.post(reverse("journey:step_complete", args=[step.pk]))
    assert response.status_code == 302, code


def test_signup_to_certificate_and_back_again(org_a, coordinator_a, settings):
    settings.SESSION_COOKIE_AGE = 20 * 365 * 24 * 3600  # sessions outlive the time travel
    coordinator = login(coordinator_a)
    timeline = None
    with time_machine.travel(at(2026, 3, 2, 20), tick=False) as clock:
        # The volunteers app creates the volunteer when the signup is confirmed.
        volunteer = VolunteerFactory(organisation=org_a, status="intake",
                                     user=UserFactory(email="ayse@example.nl"),
                                     first_name="Ayşe", last_name="Yılmaz",
                                     activities=["companionship", "walking"])
        timeline = reverse("journey:timeline", args=[volunteer.pk])
        page = coordinator.get(timeline).content.decode()
        assert "Aangemeld" in page and "Eerste contact" in page

        clock.move_to(at(2026, 3, 4))
        complete(coordinator, volunteer, "first_contact")
        # Completing instroom too early names what is missing.
        page = coordinator.post(reverse("journey:intake_complete", args=[volunteer.pk]),
                                follow=True).content.decode()
        assert "Eerst nog afronden: Intakegesprek" in page
        clock.move_to(at(2026, 3, 11))
        complete(coordinator, volunteer, "intake_conversation")
        complete(coordinator, volunteer, "vog_requested")
        clock.move_to(at(2026, 3, 25))
        complete(coordinator, volunteer, "vog_received")
        complete(coordinator, volunteer, "introduction")
        page = coordinator.post(reverse("journey:intake_complete", args=[volunteer.pk]),
                                follow=True).content.decode()
        assert "kan nu gekoppeld worden" in page
        volunteer.refresh_from_db()
        assert volunteer.status == Volunteer.Status.ACTIVE  # the matching service's rule

        # The matching app tells the journey a match became active: the first deployment.
        clock.move_to(at(2026, 4, 8))
        services.journey_record_event(volunteer=volunteer, kind="matched", note="REQ-0042",
                                      data={"reference": "REQ-0042",
                                            "activities": ["walking", "groceries"]})
        clock.move_to(at(2026, 4, 15))
        services.journey_record_event(volunteer=volunteer, kind="match_started",
                                      data={"reference": "REQ-0042"})
        thanks = open_step(volunteer, "thank_you_call")
        assert str(thanks.due_date) == "2026-04-18"
        clock.move_to(at(2026, 4, 17))
        complete(coordinator, volunteer, "thank_you_call")
        coordinator.post(reverse("journey:note_add", args=[volunteer.pk]),
                         {"kind": "training", "title": "Omgaan met dementie", "note": ""})

        # Six months later: the guidance conversation is due.
        clock.move_to(at(2026, 9, 25))
        assert "Begeleidingsgesprek" in coordinator.get(reverse("journey:my_actions")) \
            .content.decode()
        complete(coordinator, volunteer, "guidance_conversation")
        assert str(open_step(volunteer, "guidance_conversation").due_date) == "2027-03-26"

        # The volunteer sees where they are.
        mine = login(volunteer.user)
        page = mine.get(reverse("journey:mine")).content.decode()
        assert "Je bent nu actief als maatje sinds maart 2026." in page
        assert "Omgaan met dementie" in page

        # A year on, they leave: the exit conversation.
        clock.move_to(at(2027, 2, 1))
        exit_url = reverse("journey:exit", args=[volunteer.pk])
        page = coordinator.post(exit_url, {"reason": "work"}).content.decode()
        assert "is-invalid" in page  # feedback is what the conversation is for
        response = coordinator.post(exit_url, {
            "reason": "work", "feedback": "Mooie tijd; begeleiding mocht vaker.",
            "keep_in_touch": "on", "ambassador": "yes",
            "next_step_note": "Begint bij de thuiszorg"})
        assert response.status_code == 302
        volunteer.refresh_from_db()
        assert volunteer.status == Volunteer.Status.ALUMNI

        # The certificate, signed by the coordinator, with the tasks of the match.
        cert_url = reverse("journey:certificate_edit", args=[volunteer.pk])
        form = coordinator.get(cert_url).content.decode()
        assert "wandelen, fietsen (duofiets)" in form
        coordinator.post(cert_url, {
            "role_title": "maatje", "tasks": "Wandelen met meneer De Boer\nBoodschappen",
            "competences": ["reliability", "cooperating"], "signer_role": "coördinator"})
        clock.move_to(at(2027, 2, 10))
        complete(coordinator, volunteer, "farewell")
        journey = Journey.objects.get(volunteer=volunteer)
        assert journey.phase == "alumni" and journey.ended_at is not None

        page = mine.get(reverse("journey:mine")).content.decode()
        assert "Je bent gestopt als vrijwilliger" in page and "We houden graag contact" in page
        certificate = journey.certificate
        pdf = mine.get(reverse("journey:mine_certificate", args=[certificate.pk, "nl"])).content
        text = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
        assert "Ayşe Yılmaz bij ons werkzaam is geweest als maatje, van 25 maart 2026 tot " \
            "1 februari 2027" in text
        assert "Wandelen met meneer De Boer" in text and "Samenwerken" in text

        # Years later, they come back: a new instroom, the old journey untouched.
        clock.move_to(at(2028, 9, 1))
        response = coordinator.post(reverse("journey:reactivate", args=[volunteer.pk]),
                                    follow=True)
        page = response.content.decode()
        assert "begint opnieuw" in page
        assert "Reis 2, begonnen 1 september 2028" in page
        assert "Reis 1, begonnen 2 maart 2026" in page
        assert "Mooie tijd; begeleiding mocht vaker." in page
        volunteer.refresh_from_db()
        assert volunteer.status == Volunteer.Status.INTAKE
        assert list(volunteer.journeys.order_by("number").values_list("phase", flat=True)) == [
            "alumni", "intake"]
        first = volunteer.journeys.get(number=1)
        assert first.certificate == certificate and first.ended_at == at(2027, 2, 10)
        assert TimelineEvent.objects.filter(journey=first, kind="exit_conversation").exists()
        page = mine.get(reverse("journey:mine")).content.decode()
        assert "Fijn dat je je hebt aangemeld" in page and "Eerder bij ons" in page
        assert "Getuigschrift van 1 februari 2027" in page
