"""Ending well for a newcomer (issue 10, seed 004): the exit conversation can send the
consulent a short summary, only with the volunteer's consent; whoever keeps in touch is
invited to come back later."""

import pytest
from django.core import mail
from django.urls import reverse

from core.vocabulary import LEVEL_ORDER
from journey import services
from journey.models import TimelineEvent
from volunteers import services as volunteer_services

pytestmark = pytest.mark.django_db

EXIT = {"reason": "work", "feedback": "Goed gegaan; ze gaat werken in de zorg.",
        "keep_in_touch": "on"}


@pytest.fixture
def newcomer(volunteer_a, coordinator_a):
    """Sara, on the newcomer track in the B1-route, with a training and a certificate."""
    volunteer_services.volunteer_set_newcomer(volunteer=volunteer_a, newcomer=True)
    volunteer_services.newcomer_update(volunteer=volunteer_a, fields={
        "route": "b1", "dutch_level_goal": "B1", "consulent_name": "Mevrouw De Wit",
        "consulent_contact": "06 12345678 / dewit@gemeente.example"},
        consent=True, dutch_level=LEVEL_ORDER["A2"])
    services.journey_add_note(volunteer=volunteer_a, note="", title="Taalcafé: oefenen met praten",
                              by=coordinator_a, training=True)
    return volunteer_a


def exit_url(volunteer):
    return reverse("journey:exit", args=[volunteer.pk])


def with_certificate(volunteer, signer):
    journey = services.journey_current(volunteer=volunteer)
    services.certificate_save(journey=journey, role_title="maatje",
                              tasks=["Wandelen met meneer De Boer", "Boodschappen doen"],
                              competences=["reliability"], signer=signer,
                              signer_role="coördinator")


def test_with_consent_the_consulent_gets_a_summary_with_the_certificate(
        newcomer, coordinator_a, coordinator_a_client, django_capture_on_commit_callbacks):
    with_certificate(newcomer, coordinator_a)
    form = coordinator_a_client.get(exit_url(newcomer)).content.decode()
    assert "Stuur een korte samenvatting naar de consulent (Mevrouw De Wit)" in form

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_a_client.post(exit_url(newcomer),
                                             {**EXIT, "consulent_summary": "on"}, follow=True)
    assert "De samenvatting gaat per e-mail naar de consulent." in response.content.decode()

    [summary] = [m for m in mail.outbox if m.to == ["dewit@gemeente.example"]]
    assert "Sara El Idrissi" in summary.subject
    assert "Beste Mevrouw De Wit," in summary.body
    assert "Periode:" in summary.body
    assert "- Wandelen met meneer De Boer" in summary.body
    assert "- Taalcafé: oefenen met praten" in summary.body
    assert "Nederlands nu: A2" in summary.body and "B1" in summary.body
    assert "Het getuigschrift zit als PDF bij deze e-mail." in summary.body
    html, mimetype = summary.alternatives[0]
    assert mimetype == "text/html" and "<li>Boodschappen doen</li>" in html
    [(filename, content, pdf_type)] = summary.attachments
    assert filename.startswith("getuigschrift-") and pdf_type == "application/pdf"
    assert content[:4] == b"%PDF"
    assert summary.reply_to == [coordinator_a.email]

    event = TimelineEvent.objects.get(volunteer=newcomer, kind="consulent_summary")
    assert event.data["to"] == "dewit@gemeente.example"
    assert event.data["message_id"] == summary.extra_headers["Message-ID"]
    assert event.by == coordinator_a
    timeline = coordinator_a_client.get(reverse("journey:timeline", args=[newcomer.pk]))
    assert "Samenvatting naar de consulent gestuurd" in timeline.content.decode()


def test_without_consent_nothing_is_sent_and_the_form_says_why(
        newcomer, coordinator_a_client, django_capture_on_commit_callbacks):
    volunteer_services.newcomer_update(volunteer=newcomer, fields={}, consent=False)
    form = coordinator_a_client.get(exit_url(newcomer)).content.decode()
    assert "heeft geen toestemming gegeven om de voortgang met de consulent te delen" in form
    assert 'name="consulent_summary"' in form and "disabled" in form.split(
        'name="consulent_summary"')[1].split(">")[0]

    # Even a posted tick (an old tab, a crafted request) sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_a_client.post(exit_url(newcomer),
                                             {**EXIT, "consulent_summary": "on"}, follow=True)
    assert response.status_code == 200
    assert not [m for m in mail.outbox if "dewit@gemeente.example" in m.to]
    assert not TimelineEvent.objects.filter(kind="consulent_summary").exists()


def test_without_an_e_mail_address_the_form_says_so(newcomer, coordinator_a_client):
    volunteer_services.newcomer_update(volunteer=newcomer, fields={
        "consulent_contact": "06 12345678"}, consent=True)
    form = coordinator_a_client.get(exit_url(newcomer)).content.decode()
    assert "Er is geen e-mailadres van de consulent bekend." in form


def test_consent_withdrawn_before_sending_stops_the_summary(newcomer, coordinator_a):
    journey = services.journey_exit(volunteer=newcomer, reason="work", feedback="x",
                                    keep_in_touch=False, consulent_summary=True, by=coordinator_a)
    volunteer_services.newcomer_update(volunteer=newcomer, fields={}, consent=False)
    assert services.journey_send_consulent_summary(journey=journey, by=coordinator_a) is None
    assert mail.outbox == []


def test_the_service_refuses_a_summary_without_consent(newcomer, coordinator_a):
    volunteer_services.newcomer_update(volunteer=newcomer, fields={}, consent=False)
    with pytest.raises(services.JourneyError, match="geen toestemming"):
        services.journey_exit(volunteer=newcomer, reason="work", feedback="x",
                              keep_in_touch=False, consulent_summary=True, by=coordinator_a)


def test_volunteers_off_the_track_are_not_offered_a_summary(volunteer_a, coordinator_a_client):
    form = coordinator_a_client.get(exit_url(volunteer_a)).content.decode()
    assert "consulent_summary" not in form


def test_who_keeps_in_touch_is_invited_to_come_back_once_in_their_language(
        newcomer, coordinator_a_client, django_capture_on_commit_callbacks):
    newcomer.user.language = "ar"
    newcomer.user.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_a_client.post(exit_url(newcomer), EXIT)
    [invitation] = [m for m in mail.outbox if m.to == [newcomer.email]]
    assert "Mijn Koppel" not in invitation.subject
    assert "/mijn-koppel/" in invitation.body
    assert "Je bent gestopt" not in invitation.body      # Arabic, not Dutch
    assert 'dir="rtl"' in invitation.alternatives[0][0]
    assert TimelineEvent.objects.filter(volunteer=newcomer, kind="come_back_invited").count() == 1

    with django_capture_on_commit_callbacks(execute=True):   # saved again: no second one
        coordinator_a_client.post(exit_url(newcomer), EXIT)
    assert len([m for m in mail.outbox if m.to == [newcomer.email]]) == 1


def test_who_does_not_keep_in_touch_gets_no_invitation(
        newcomer, coordinator_a_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_a_client.post(exit_url(newcomer), {**EXIT, "keep_in_touch": ""})
    assert mail.outbox == []
