"""Mijn Koppel: edit every part, pause, consent, download my data, and erasure."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, User
from core.vocabulary import LEVEL_ORDER
from volunteers import services
from volunteers.models import Volunteer, VolunteerLanguage
from volunteers.signals import volunteer_personal_data

from ..factories import PASSWORD, VolunteerFactory
from .helpers import load_postcodes

MINE = "/mijn-koppel/"


def edit_url(step):
    return reverse("volunteers:mine_edit", args=[step])


def test_mijn_koppel_shows_the_profile(volunteer_a_client, volunteer_a):
    content = volunteer_a_client.get(MINE).content.decode()
    assert "Hallo Sara" in content
    assert "Sara El Idrissi" in content and "dinsdagmiddag" in content
    for step in ("about", "languages", "availability", "activities", "background", "contact"):
        assert edit_url(step) in content


def test_visitors_must_log_in(client, db):
    response = client.get(MINE)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_every_part_can_be_edited_with_the_step_forms(volunteer_a_client, volunteer_a):
    load_postcodes()
    response = volunteer_a_client.post(edit_url("about"), {
        "first_name": "Sara", "last_name": "Bennani", "phone": "", "postcode": "3581 KL",
        "max_distance_km": "8", "gender": "", "birth_year": ""})
    assert response.status_code == 302
    volunteer_a.refresh_from_db()
    assert volunteer_a.last_name == "Bennani"
    assert (volunteer_a.latitude, volunteer_a.longitude) == (52.0858, 5.1326)

    response = volunteer_a_client.post(edit_url("languages"), {
        "languages-TOTAL_FORMS": "2", "languages-INITIAL_FORMS": "1",
        "languages-0-language": "nl", "languages-0-level": str(LEVEL_ORDER["C2"]),
        "languages-0-DELETE": "on",
        "languages-1-language": "tr", "languages-1-level": str(LEVEL_ORDER["A2"])})
    assert response.status_code == 302
    assert dict(volunteer_a.languages.values_list("language", "level")) == {"tr": 2}

    volunteer_a_client.post(edit_url("availability"), {
        "slots": ["sat:morning"], "hours_per_week": "2", "commitment": "short"})
    volunteer_a_client.post(edit_url("activities"), {
        "activities": ["digital_help"], "motivations": ["learn"], "interests": "schaken"})
    volunteer_a_client.post(edit_url("contact"), {"contact_channel": "paper", "reminders": "no"})
    volunteer_a.refresh_from_db()
    assert volunteer_a.slots == ["sat:morning"] and volunteer_a.commitment == "short"
    assert volunteer_a.activities == ["digital_help"] and volunteer_a.interests == ["schaken"]
    assert volunteer_a.contact_channel == "paper" and volunteer_a.reminders is False


def test_edit_errors_keep_what_was_typed(volunteer_a_client, volunteer_a):
    response = volunteer_a_client.post(edit_url("about"), {
        "first_name": "", "postcode": "3581 KL", "max_distance_km": "500"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="3581 KL"' in content and "1 tot en met 100" in content
    volunteer_a.refresh_from_db()
    assert volunteer_a.first_name == "Sara"


def test_confirm_is_not_an_edit_page(volunteer_a_client):
    assert volunteer_a_client.get(edit_url("confirm")).status_code == 404


def test_consent_can_be_withdrawn_and_the_background_is_erased(volunteer_a_client, volunteer_a):
    volunteer_a_client.post(edit_url("background"), {"background": "Marokkaans",
                                                     "consent": "on"})
    volunteer_a.refresh_from_db()
    assert volunteer_a.background == "Marokkaans" and volunteer_a.has_background_consent
    assert "Marokkaans" in volunteer_a_client.get(MINE).content.decode()

    # Unticking consent in the form is a withdrawal, even with the text still there.
    response = volunteer_a_client.post(edit_url("background"), {"background": "Marokkaans"},
                                       follow=True)
    assert "ingetrokken" in response.content.decode()
    volunteer_a.refresh_from_db()
    assert volunteer_a.background == "" and volunteer_a.background_consent_at is None

    volunteer_a_client.post(edit_url("background"), {"background": "Turks", "consent": "on"})
    volunteer_a_client.post(reverse("volunteers:mine_withdraw_consent"))
    volunteer_a.refresh_from_db()
    assert volunteer_a.background == "" and not volunteer_a.has_background_consent


def test_pause_until_a_date_and_come_back(volunteer_a_client, volunteer_a):
    until = timezone.localdate() + timedelta(days=14)
    response = volunteer_a_client.post(reverse("volunteers:mine_pause"),
                                       {"until": until.isoformat()})
    assert response.status_code == 302
    volunteer_a.refresh_from_db()
    assert volunteer_a.status == "paused" and volunteer_a.paused_until == until
    assert "Je hebt pauze tot en met" in volunteer_a_client.get(MINE).content.decode()

    volunteer_a_client.post(reverse("volunteers:mine_unpause"))
    volunteer_a.refresh_from_db()
    assert volunteer_a.status == "active" and volunteer_a.paused_until is None


@pytest.mark.parametrize("days", [-1, 400])
def test_pause_refuses_dates_in_the_past_or_too_far(volunteer_a_client, volunteer_a, days):
    until = timezone.localdate() + timedelta(days=days)
    response = volunteer_a_client.post(reverse("volunteers:mine_pause"),
                                       {"until": until.isoformat()})
    assert response.status_code == 200
    assert "Kies" in response.content.decode()
    volunteer_a.refresh_from_db()
    assert volunteer_a.status == "active"


def test_pause_refuses_nonsense(volunteer_a_client, volunteer_a):
    response = volunteer_a_client.post(reverse("volunteers:mine_pause"), {"until": "morgen"})
    assert response.status_code == 200
    assert 'value="morgen"' in response.content.decode()


def test_a_pause_ends_by_itself_and_restores_the_status(org_a):
    today = timezone.localdate()
    intake = VolunteerFactory(organisation=org_a, status="intake")
    services.volunteer_pause(volunteer=intake, until=today - timedelta(days=1))
    still = VolunteerFactory(organisation=org_a)
    services.volunteer_pause(volunteer=still, until=today)
    assert services.volunteers_unpause_due(today=today) == 1
    intake.refresh_from_db()
    still.refresh_from_db()
    assert intake.status == "intake" and intake.paused_until is None
    assert still.status == "paused"


def test_the_hourly_task_ends_pauses(org_a):
    from volunteers.tasks import unpause_due_volunteers

    volunteer = VolunteerFactory(organisation=org_a)
    services.volunteer_pause(volunteer=volunteer, until=timezone.localdate() - timedelta(days=1))
    assert unpause_due_volunteers.delay().get() == 1
    volunteer.refresh_from_db()
    assert volunteer.status == "active"


def test_download_my_data_holds_everything(volunteer_a_client, volunteer_a, coordinator_a_client):
    volunteer_a_client.post(edit_url("background"), {"background": "Marokkaans",
                                                     "consent": "on"})
    coordinator_a_client.get(reverse("volunteers:detail", args=[volunteer_a.pk]))
    response = volunteer_a_client.get(reverse("volunteers:mine_export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "vrijwilliger@a.example"
    profile = data["profile"]
    assert profile["first_name"] == "Sara" and profile["last_name"] == "El Idrissi"
    assert profile["postcode"] == "3511 AB"
    assert profile["languages"] == [{"language": "nl", "name": "Nederlands", "level": "C2"}]
    assert profile["availability"] == ["tue:afternoon", "thu:afternoon"]
    assert profile["activities"] == ["companionship", "walking"]
    assert profile["background"] == "Marokkaans"
    assert data["consent"]["background_consent_at"]
    assert data["status"]["status"] == "active"
    assert {"action": "view"}.items() <= data["access_log"][0].items()


def test_other_apps_add_sections_to_my_data(volunteer_a_client, volunteer_a):
    def journey(sender, volunteer, **kwargs):
        return ("journey", {"phase": "intake", "volunteer": volunteer.pk})

    volunteer_personal_data.connect(journey)
    try:
        data = json.loads(volunteer_a_client.get(reverse("volunteers:mine_export")).content)
    finally:
        volunteer_personal_data.disconnect(journey)
    assert data["journey"] == {"phase": "intake", "volunteer": volunteer_a.pk}


def test_erase_needs_the_password(volunteer_a_client, volunteer_a):
    response = volunteer_a_client.post(reverse("volunteers:mine_erase"), {"password": "fout"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert User.objects.filter(pk=volunteer_a.user_id).exists()


def test_erase_leaves_no_trace_of_the_person(volunteer_a, org_a):
    email, user_id = volunteer_a.user.email, volunteer_a.user_id
    volunteer_a.phone = "0612345678"
    volunteer_a.background, volunteer_a.background_consent_at = "Marokkaans", timezone.now()
    volunteer_a.interests = ["wandelen"]
    volunteer_a.save()
    client = Client()
    assert client.post(reverse("account_login"), {"login": email, "password": PASSWORD}
                       ).status_code == 302
    other_device = Client()
    other_device.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert Session.objects.count() == 2

    response = client.post(reverse("volunteers:mine_erase"), {"password": PASSWORD})
    assert response["Location"] == reverse("volunteers:goodbye")
    assert client.get(response["Location"]).status_code == 200

    volunteer = Volunteer.objects.get(pk=volunteer_a.pk)  # the row stays, for statistics
    assert volunteer.anonymised_at is not None and volunteer.user is None
    assert volunteer.status == "alumni" and volunteer.organisation == org_a
    for value in ("Sara", "El Idrissi", "0612345678", "3511", email, "Marokkaans", "wandelen"):
        assert not Volunteer.objects.filter(
            Q(first_name__icontains=value) | Q(last_name__icontains=value)
            | Q(phone__icontains=value) | Q(postcode__icontains=value)
            | Q(background__icontains=value) | Q(interests__icontains=value)).exists(), value
        assert not User.objects.filter(Q(email__icontains=value) | Q(first_name__icontains=value)
                                       | Q(last_name__icontains=value)).exists(), value
    assert volunteer.latitude is None and volunteer.longitude is None
    assert not VolunteerLanguage.objects.filter(volunteer=volunteer).exists()
    assert not User.objects.filter(pk=user_id).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert Session.objects.count() == 0  # logged out everywhere
    assert other_device.get(MINE).status_code == 302
    event = AuditEvent.objects.get(action="erase")
    assert event.subject_id == volunteer.pk and event.actor is None
    # Erased people never show up for coordinators.
    assert not Volunteer.objects.filter(organisation=org_a, anonymised_at=None).exists()


def test_journey_can_clean_up_on_erase(volunteer_a):
    from volunteers.signals import volunteer_erasing

    seen = []

    def receiver(sender, volunteer, **kwargs):
        seen.append((volunteer.pk, volunteer.first_name))  # still there, inside the transaction

    volunteer_erasing.connect(receiver)
    try:
        services.volunteer_erase(volunteer=volunteer_a)
    finally:
        volunteer_erasing.disconnect(receiver)
    assert seen == [(volunteer_a.pk, "Sara")]


def test_other_volunteers_stay(volunteer_a, volunteer_a2):
    services.volunteer_erase(volunteer=volunteer_a)
    volunteer_a2.refresh_from_db()
    assert volunteer_a2.first_name == "Tom" and volunteer_a2.user is not None
