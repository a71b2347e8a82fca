"""Caregiver and care recipient pages: view, edit (audited), and erasure (AVG)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from caregivers.models import CaregiverLanguage, CareRelation, HelpRequest, RecipientLanguage
from caregivers.services import caregiver_erase, recipient_erase
from core.models import AuditEvent
from core.vocabulary import LEVEL_ORDER

from ..factories import HelpRequestFactory

Status = HelpRequest.Status


@pytest.fixture
def family(org_a):
    request = HelpRequestFactory(
        organisation=org_a, status=Status.MATCHING, description="Mijn moeder Fatma is eenzaam",
        practical_wishes="Geen handen schudden", background="Turks",
        background_consent_at=timezone.now(), postcode="3511 AB", interests=["breien"],
        referrer_contact="Wijkteam Noord, Anja")
    caregiver, recipient = request.caregiver, request.recipient
    caregiver.background, caregiver.background_consent_at = "Turks", timezone.now()
    caregiver.save()
    CaregiverLanguage.objects.create(caregiver=caregiver, language="tr",
                                     level=LEVEL_ORDER["native"])
    RecipientLanguage.objects.create(recipient=recipient, language="tr",
                                     level=LEVEL_ORDER["native"])
    CareRelation.objects.create(caregiver=caregiver, recipient=recipient, relationship="dochter")
    closed = HelpRequestFactory(organisation=org_a, caregiver=caregiver, recipient=recipient,
                                status=Status.CLOSED, description="Eerdere hulp")
    return request, closed


def caregiver_data(**overrides):
    data = {"name": "Samira Bouzid", "phone": "0612345678", "email": "samira@example.nl",
            "contact_channel": "whatsapp", "reminders": "on", "language": "nl",
            "postcode": "3511ab", "background": "", "consent_data": "on",
            "languages_0_language": "Turks", "languages_0_level": "native"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_caregiver_page_shows_people_and_requests_and_is_audited(coordinator_a_client,
                                                                 coordinator_a, family):
    request, closed = family
    caregiver = request.caregiver
    page = coordinator_a_client.get(
        reverse("caregivers:caregiver_detail", args=[caregiver.pk])).content.decode()
    assert escape(caregiver.name) in page and escape(request.recipient.name) in page and "dochter" in page
    assert request.reference in page and closed.reference in page
    assert "Turks" in page
    event = AuditEvent.objects.get(action="view", subject_type="caregiver")
    assert event.actor == coordinator_a and event.subject_id == caregiver.pk
    assert "phone" in event.fields and caregiver.phone not in str(event.fields)


def test_recipient_page(matchmaker_a_client, family):
    recipient = family[0].recipient
    page = matchmaker_a_client.get(
        reverse("caregivers:recipient_detail", args=[recipient.pk])).content.decode()
    assert escape(recipient.name) in page and escape(family[0].caregiver.name) in page
    assert "Wijzigen" not in page  # matchmakers read only


def test_editing_a_caregiver_is_audited_with_the_changed_fields(coordinator_a_client, family):
    caregiver = family[0].caregiver
    url = reverse("caregivers:caregiver_edit", args=[caregiver.pk])
    assert coordinator_a_client.get(url).status_code == 200
    response = coordinator_a_client.post(url, caregiver_data(**{
        "background": "Turks", "background_consent": "on", "consent_share_contact": "on",
        "languages_1_language": "nl", "languages_1_level": "B2"}))
    assert response.status_code == 302
    caregiver.refresh_from_db()
    assert caregiver.name == "Samira Bouzid" and caregiver.postcode == "3511 AB"
    assert caregiver.contact_channel == "whatsapp" and caregiver.consent_share_contact_at
    assert {(r.language, r.level_code) for r in caregiver.languages.all()} == {
        ("tr", "native"), ("nl", "B2")}
    event = AuditEvent.objects.get(action="update", subject_type="caregiver")
    assert {"name", "email", "contact_channel", "languages"} <= set(event.fields)
    assert "phone" not in event.fields and "postcode" not in event.fields  # unchanged


def test_withdrawing_background_consent_erases_the_background(coordinator_a_client, family):
    caregiver = family[0].caregiver
    url = reverse("caregivers:caregiver_edit", args=[caregiver.pk])
    coordinator_a_client.post(url, caregiver_data(background="Turks"))  # box not ticked
    caregiver.refresh_from_db()
    assert caregiver.background == "Turks"  # refused: the form said why
    coordinator_a_client.post(url, caregiver_data(background=""))
    caregiver.refresh_from_db()
    assert caregiver.background == "" and caregiver.background_consent_at is None


@pytest.mark.parametrize("overrides, message", [
    ({"phone": "", "email": ""}, "Hoe bereiken we"),
    ({"consent_data": None}, "Gegevens wissen"),
    ({"contact_channel": "email", "email": ""}, "vul het e-mailadres in"),
    ({"background": "Turks"}, "toestemming"),
    ({"postcode": "12"}, "Geen geldige postcode"),
    ({"languages_0_language": "Turks", "languages_0_level": "Z9"}, "niveau"),
    ({"contact_channel": "pigeon"}, "geldige keuze"),
])
def test_bad_edits_are_refused_with_what_was_typed(coordinator_a_client, family, overrides,
                                                   message):
    caregiver = family[0].caregiver
    url = reverse("caregivers:caregiver_edit", args=[caregiver.pk])
    response = coordinator_a_client.post(url, caregiver_data(**{"name": "Nieuwe Naam",
                                                                **overrides}))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="Nieuwe Naam"' in page
    caregiver.refresh_from_db()
    assert caregiver.name != "Nieuwe Naam"


def test_editing_a_recipient(coordinator_a_client, family):
    recipient = family[0].recipient
    url = reverse("caregivers:recipient_edit", args=[recipient.pk])
    response = coordinator_a_client.post(url, {
        "name": "Fatma Bouzid", "birth_year": "1942", "postcode": "", "phone": "", "email": "",
        "situation": "Woont alleen", "consent_data": "on",
        "languages_0_language": "tr", "languages_0_level": "native"})
    assert response.status_code == 302
    recipient.refresh_from_db()
    assert recipient.birth_year == 1942 and recipient.situation == "Woont alleen"
    assert "birth_year" in AuditEvent.objects.get(action="update").fields


# --- erasure -------------------------------------------------------------------------------------


def test_erasing_a_caregiver_keeps_requests_without_personal_data(coordinator_a, family):
    request, closed = family
    caregiver = request.caregiver
    caregiver_erase(caregiver=caregiver, by=coordinator_a)
    caregiver.refresh_from_db()
    assert caregiver.name == "—" and caregiver.email == "" and caregiver.phone == ""
    assert caregiver.background == "" and caregiver.background_consent_at is None
    assert caregiver.postcode == "3511" and caregiver.erased_at is not None
    assert not caregiver.languages.exists()
    assert CareRelation.objects.get(caregiver=caregiver).relationship == ""
    request.refresh_from_db()
    closed.refresh_from_db()
    # The rows stay for statistics; open ones are withdrawn, free text is gone.
    assert request.status == Status.WITHDRAWN and closed.status == Status.CLOSED
    assert request.description == "" and request.practical_wishes == ""
    assert request.background == "" and request.interests == [] and request.referrer_contact == ""
    assert request.activities and request.slots and request.postcode == "3511"
    assert request.languages.exists()
    event = AuditEvent.objects.get(action="erase")
    assert event.subject_type == "caregiver" and {"name", "phone", "languages"} <= set(
        event.fields)


def test_erasing_a_recipient(coordinator_a, family):
    request, _closed = family
    recipient = request.recipient
    recipient_erase(recipient=recipient, by=coordinator_a)
    recipient.refresh_from_db()
    request.refresh_from_db()
    assert recipient.name == "—" and recipient.birth_year is None and not recipient.languages.exists()
    assert request.status == Status.WITHDRAWN and request.description == ""
    assert request.caregiver.name != "—"  # the caregiver is someone else
    assert AuditEvent.objects.get(action="erase").subject_type == "carerecipient"


def test_erase_page_asks_first_then_erases(coordinator_a_client, family):
    caregiver = family[0].caregiver
    url = reverse("caregivers:caregiver_erase", args=[caregiver.pk])
    page = coordinator_a_client.get(url).content.decode()
    assert "niet ongedaan" in page and "1 open hulpvraag" in page
    caregiver.refresh_from_db()
    assert caregiver.erased_at is None
    response = coordinator_a_client.post(url, follow=True)
    assert "zijn gewist" in response.content.decode()
    caregiver.refresh_from_db()
    assert caregiver.erased_at is not None
    # Erased people cannot be edited, and are no longer found at intake.
    edit = coordinator_a_client.get(reverse("caregivers:caregiver_edit", args=[caregiver.pk]))
    assert edit.status_code == 302
    assert coordinator_a_client.post(url).status_code == 302  # twice is harmless
    assert AuditEvent.objects.filter(action="erase").count() == 1


def test_erased_caregivers_are_not_found_at_intake(coordinator_a_client, coordinator_a, family):
    caregiver = family[0].caregiver
    name = caregiver.name
    caregiver_erase(caregiver=caregiver, by=coordinator_a)
    page = coordinator_a_client.get(reverse("caregivers:intake"), {"q": name[:5]},
                                    HTTP_HX_REQUEST="true").content.decode()
    assert "Kies" not in page


def test_recipient_erase_page(coordinator_a_client, family):
    recipient = family[0].recipient
    url = reverse("caregivers:recipient_erase", args=[recipient.pk])
    assert coordinator_a_client.get(url).status_code == 200
    coordinator_a_client.post(url)
    recipient.refresh_from_db()
    assert recipient.erased_at is not None
