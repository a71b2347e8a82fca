"""The getuigschrift: made by a coordinator, read back from the PDF in Dutch and English."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from journey import services
from journey.certificate import certificate_pdf
from journey.models import Certificate
from tests.factories import VolunteerFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def certificate(org_a, coordinator_a):
    coordinator_a.first_name, coordinator_a.last_name = "Fatima", "El Amrani"
    coordinator_a.save()
    org_a.email, org_a.phone = "info@aalst.example", "030 123 45 67"
    org_a.save()
    volunteer = VolunteerFactory(organisation=org_a, first_name="Ayşe", last_name="Wiśniewska-Yılmaz",
                                 status="intake", signed_up_at=at(2025, 1, 6),
                                 created_at=at(2025, 1, 6))
    journey = volunteer.journeys.get()
    journey.steps.filter(definition__required=True).exclude(
        definition__code="ready_to_match").update(completed_at=at(2025, 1, 10))
    services.journey_complete_intake(journey=journey, by=coordinator_a, now=at(2025, 2, 3))
    services.journey_record_event(volunteer=volunteer, kind="match_started", at=at(2025, 3, 1),
                                  data={"activities": ["walking", "groceries"]})
    services.journey_exit(volunteer=volunteer, reason="work", feedback="", keep_in_touch=True,
                          by=coordinator_a, now=at(2026, 6, 30))
    journey.refresh_from_db()
    return services.certificate_save(
        journey=journey, role_title="maatje",
        tasks=["Wekelijks wandelen met mevrouw K.", "Boodschappen doen"],
        competences=["reliability", "communicating"], signer=coordinator_a,
        signer_role="vrijwilligerscoördinator", now=at(2026, 7, 2))


def test_dutch_certificate_after_the_seed_example(certificate):
    text = pdf_text(certificate_pdf(certificate=certificate, language="nl"))
    assert "Getuigschrift" in text
    assert ("Hierbij verklaart Fatima El Amrani van Vrijwilligerscentrale Aalst dat "
            "Ayşe Wiśniewska-Yılmaz bij ons werkzaam is geweest als maatje, "
            "van 3 februari 2025 tot 30 juni 2026.") in text
    assert "Wekelijks wandelen met mevrouw K." in text and "Boodschappen doen" in text
    assert "Betrouwbaarheid tonen" in text and "Communiceren" in text
    assert "contact op te nemen met Fatima El Amrani via coordinator@a.example / 030 123 45 67" in text
    assert "Hoogachtend," in text and "vrijwilligerscoördinator, Vrijwilligerscentrale Aalst" in text
    assert "2 juli 2026" in text


def test_english_certificate(certificate):
    text = pdf_text(certificate_pdf(certificate=certificate, language="en"))
    assert "Certificate" in text and "Getuigschrift" not in text
    assert "worked with us as maatje from 3 February 2025 to 30 June 2026" in text
    assert "Showing reliability" in text and "Yours faithfully," in text
    assert "Ayşe Wiśniewska-Yılmaz" in text


def test_certificate_of_someone_still_active_says_since(org_a, coordinator_a, volunteer_a):
    journey = volunteer_a.journeys.get()
    certificate = services.certificate_save(journey=journey, role_title="vrijwilliger",
                                            tasks=[], competences=[], signer=coordinator_a,
                                            signer_role="coördinator")
    text = pdf_text(certificate_pdf(certificate=certificate, language="nl"))
    assert "dat Sara El Idrissi sinds" in text and "bij ons werkzaam is als vrijwilliger" in text
    assert "werkzaamheden" not in text


def test_coordinator_makes_it_in_the_browser_with_tasks_from_matches(
        certificate, coordinator_a_client, org_a):
    volunteer = certificate.journey.volunteer
    url = reverse("journey:certificate_edit", args=[volunteer.pk])
    Certificate.objects.all().delete()
    form = coordinator_a_client.get(url).content.decode()
    # Tasks are suggested from the matches the matching app reported.
    assert "wandelen, fietsen (duofiets)" in form and "boodschappen" in form
    assert "Al doende leren" in form  # the twelve EVC-A competences are offered
    response = coordinator_a_client.post(url, {
        "role_title": "taalmaatje", "tasks": "Samen Nederlands oefenen\n\n- Mee naar de huisarts",
        "competences": ["cooperating", "learning_by_doing"], "signer_role": "coördinator"})
    assert response.status_code == 302
    saved = Certificate.objects.get()
    assert saved.tasks == ["Samen Nederlands oefenen", "Mee naar de huisarts"]
    response = coordinator_a_client.get(reverse("journey:certificate_pdf", args=[saved.pk, "nl"]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "als taalmaatje" in text and "Samenwerken" in text and "Al doende leren" in text


def test_the_volunteer_downloads_their_own_and_nobody_elses(
        certificate, coordinator_b_client, matchmaker_a_client, volunteer_a_client, org_a):
    from tests.conftest import login

    volunteer = certificate.journey.volunteer
    own = login(volunteer.user)
    response = own.get(reverse("journey:mine_certificate", args=[certificate.pk, "en"]))
    assert response.status_code == 200 and "Certificate" in pdf_text(response.content)
    assert own.get(reverse("journey:mine_certificate", args=[certificate.pk, "de"])).status_code == 404
    assert volunteer_a_client.get(
        reverse("journey:mine_certificate", args=[certificate.pk, "nl"])).status_code == 404
    staff_url = reverse("journey:certificate_pdf", args=[certificate.pk, "nl"])
    assert coordinator_b_client.get(staff_url).status_code == 404
    assert matchmaker_a_client.get(staff_url).status_code == 403
    assert volunteer_a_client.get(staff_url).status_code == 403
