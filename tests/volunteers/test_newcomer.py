"""The newcomer track (issue 10, seed 004): opt-in on "about you", an extra wizard step only
for those who ask for it, consent to share progress with the consulent recorded with its
time, editable in Mijn Koppel, read by coordinators, in "download my data", gone on erase."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.vocabulary import LEVEL_ORDER
from volunteers import selectors, services
from volunteers.models import NewcomerProfile, Volunteer

from ..factories import VolunteerFactory
from .test_signup import (
    ABOUT,
    ACTIVITIES,
    AVAILABILITY,
    BACKGROUND,
    CONTACT,
    LANGUAGES,
    sign_up_and_verify,
    step_url,
)

NEWCOMER = {
    "route": "b1", "dutch_level": str(LEVEL_ORDER["A2"]), "dutch_level_goal": "B1",
    "consulent_name": "Mevrouw De Wit", "consulent_contact": "dewit@gemeente.example",
    "consulent_consent": "on", "learning_goals": "Nederlands praten, werken in een team",
    "practice_ways": ["talk", "work_words"], "practice_notes": "Graag elke week",
    "future": "Een opleiding tot verzorgende",
}


@pytest.fixture
def newcomer(volunteer_a):
    """Sara is new in the Netherlands, in the B1-route, Dutch at A2."""
    services.volunteer_set_newcomer(volunteer=volunteer_a, newcomer=True)
    services.newcomer_update(volunteer=volunteer_a, fields={
        "route": "b1", "dutch_level_goal": "B1", "consulent_name": "Mevrouw De Wit",
        "consulent_contact": "dewit@gemeente.example", "learning_goals": "Nederlands praten",
        "practice_ways": ["talk"], "future": "Werken in de zorg"},
        consent=True, dutch_level=LEVEL_ORDER["A2"])
    return volunteer_a


def walk_to_languages(client, org, about_extra):
    sign_up_and_verify(client, org)
    response = client.post(step_url("about"), {**ABOUT, **about_extra})
    assert response["Location"] == step_url("languages")
    return client.post(step_url("languages"), LANGUAGES)


def test_the_newcomer_step_is_only_shown_to_who_asks_for_it(client, org_a):
    response = walk_to_languages(client, org_a, {})
    assert response["Location"] == step_url("availability")
    volunteer = Volunteer.objects.get()
    assert not volunteer.is_newcomer
    # Nobody lands on it by typing its address either.
    assert client.get(step_url("newcomer"))["Location"] == reverse("volunteers:signup")
    page = client.get(step_url("availability")).content.decode()
    assert "Stap 4 van 8" in page and "Inburgering" not in page


def test_a_newcomer_gets_the_extra_step_and_it_is_saved_with_consent_and_time(client, org_a):
    response = walk_to_languages(client, org_a, {"newcomer": "on"})
    assert response["Location"] == step_url("newcomer")
    page = client.get(step_url("newcomer")).content.decode()
    assert "Stap 4 van 9" in page
    assert "Welke inburgeringsroute volg je?" in page
    # The Dutch level from the languages step is already filled in.
    assert f'<option value="{LEVEL_ORDER["B1"]}" selected>' in page

    before = timezone.now()
    response = client.post(step_url("newcomer"), NEWCOMER)
    assert response["Location"] == step_url("availability")
    volunteer = Volunteer.objects.get()
    profile = volunteer.newcomer
    assert profile.route == "b1" and profile.dutch_level_goal == "B1"
    assert profile.consulent_name == "Mevrouw De Wit"
    assert profile.consulent_consent_at >= before
    assert profile.practice_ways == ["talk", "work_words"]
    assert profile.future == "Een opleiding tot verzorgende"
    # The current level lives with the languages, where matching reads it.
    assert volunteer.languages.get(language="nl").level == LEVEL_ORDER["A2"]

    for key, data in [("availability", AVAILABILITY), ("activities", ACTIVITIES),
                      ("background", BACKGROUND), ("contact", CONTACT),
                      ("confirm", {"privacy": "on"})]:
        assert client.post(step_url(key), data).status_code == 302
    page = client.get(reverse("volunteers:mine")).content.decode()
    assert "Inburgering" in page and "Een opleiding tot verzorgende" in page


def test_the_newcomer_step_explains_what_is_missing(client, org_a):
    walk_to_languages(client, org_a, {"newcomer": "on"})
    response = client.post(step_url("newcomer"), {
        "consulent_consent": "on", "learning_goals": "taal", "future": "x" * 1001})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies je route" in page
    assert "Kies hoe goed je nu Nederlands spreekt" in page
    assert "Wie is je consulent?" in page  # consent without knowing whom to tell
    assert "taal</textarea>" in page  # what was typed stays
    assert not NewcomerProfile.objects.exclude(route="").exists()


def test_consent_to_share_progress_keeps_its_time_and_can_be_withdrawn(volunteer_a_client,
                                                                      newcomer):
    given_at = newcomer.newcomer.consulent_consent_at
    url = reverse("volunteers:mine_edit", args=["newcomer"])
    page = volunteer_a_client.get(url).content.decode()
    assert "Mevrouw De Wit" in page
    assert re.search(r'name="consulent_consent"[^>]* checked', page)
    data = {**NEWCOMER, "dutch_level_goal": "B2"}
    assert volunteer_a_client.post(url, data).status_code == 302
    newcomer.newcomer.refresh_from_db()
    assert newcomer.newcomer.dutch_level_goal == "B2"
    assert newcomer.newcomer.consulent_consent_at == given_at  # still the first consent

    data.pop("consulent_consent")
    volunteer_a_client.post(url, data)
    newcomer.newcomer.refresh_from_db()
    assert newcomer.newcomer.consulent_consent_at is None
    assert newcomer.newcomer.consulent_name == "Mevrouw De Wit"  # who it is stays known


def test_opting_out_in_mijn_koppel_erases_the_track(volunteer_a_client, newcomer):
    url = reverse("volunteers:mine_edit", args=["about"])
    page = volunteer_a_client.get(url).content.decode()
    assert 'name="newcomer"' in page
    about = {**ABOUT, "first_name": newcomer.first_name}
    volunteer_a_client.post(url, about)  # the box unticked
    assert not NewcomerProfile.objects.filter(volunteer=newcomer).exists()
    # Its edit page now sends them to the question instead.
    response = volunteer_a_client.get(reverse("volunteers:mine_edit", args=["newcomer"]))
    assert response["Location"].startswith(url)
    volunteer_a_client.post(url, {**about, "newcomer": "on"})
    assert Volunteer.objects.get(pk=newcomer.pk).is_newcomer


def test_an_imported_volunteer_can_join_the_track_later(volunteer_a_client, volunteer_a):
    assert "Inburgering" not in volunteer_a_client.get(reverse("volunteers:mine")).content.decode()
    about = {**ABOUT, "first_name": volunteer_a.first_name, "newcomer": "on"}
    volunteer_a_client.post(reverse("volunteers:mine_edit", args=["about"]), about)
    page = volunteer_a_client.get(reverse("volunteers:mine")).content.decode()
    assert "Inburgering" in page
    assert reverse("volunteers:mine_edit", args=["newcomer"]) in page


def test_coordinators_read_the_track_but_do_not_change_it(coordinator_a_client, newcomer):
    page = coordinator_a_client.get(reverse("volunteers:detail",
                                            args=[newcomer.pk])).content.decode()
    assert "Nieuwkomer: inburgering" in page
    assert "Mevrouw De Wit" in page and "Werken in de zorg" in page
    assert reverse("volunteers:edit", args=[newcomer.pk, "newcomer"]) not in page
    event = AuditEvent.objects.filter(action="view", subject_id=newcomer.pk).latest("at")
    assert "newcomer" in event.fields
    assert coordinator_a_client.get(reverse("volunteers:edit",
                                            args=[newcomer.pk, "newcomer"])).status_code == 404
    # Changing "about" keeps the volunteer's own choice out of the coordinator's hands.
    page = coordinator_a_client.get(reverse("volunteers:edit",
                                            args=[newcomer.pk, "about"])).content.decode()
    assert 'name="newcomer"' not in page
    coordinator_a_client.post(reverse("volunteers:edit", args=[newcomer.pk, "about"]),
                              {**ABOUT, "first_name": "Sara"})
    assert Volunteer.objects.get(pk=newcomer.pk).is_newcomer


def test_another_organisation_does_not_see_the_track(coordinator_b_client, newcomer):
    response = coordinator_b_client.get(reverse("volunteers:detail", args=[newcomer.pk]))
    assert response.status_code == 404


def test_download_my_data_holds_the_track(volunteer_a_client, newcomer):
    response = volunteer_a_client.get(reverse("volunteers:mine_export"))
    data = json.loads(response.content)
    track = data["newcomer"]
    assert track["route"] == "b1" and track["dutch_level"] == "A2"
    assert track["dutch_level_goal"] == "B1"
    assert track["consulent_name"] == "Mevrouw De Wit"
    assert track["consent_share_progress_with_consulent_at"] is not None
    assert track["practice_dutch"] == ["talk"] and track["future"] == "Werken in de zorg"


def test_download_without_the_track_says_so(volunteer_a_client):
    data = json.loads(volunteer_a_client.get(reverse("volunteers:mine_export")).content)
    assert data["newcomer"] is None


def test_erasing_the_volunteer_erases_the_track(newcomer):
    services.volunteer_erase(volunteer=newcomer)
    assert not NewcomerProfile.objects.exists()
    event = AuditEvent.objects.get(action="erase", subject_id=newcomer.pk)
    assert "newcomer" in event.fields


def test_matching_can_tell_newcomers_apart_without_extra_queries(newcomer, volunteer_a2,
                                                                 django_assert_num_queries):
    assert newcomer.is_newcomer and not volunteer_a2.is_newcomer
    assert list(selectors.newcomers()) == [Volunteer.objects.get(pk=newcomer.pk)]
    volunteers = selectors.with_newcomer(Volunteer.objects.order_by("pk"))
    with django_assert_num_queries(1):
        flags = [(v.pk, v.is_newcomer) for v in volunteers]
    assert flags == [(newcomer.pk, True), (volunteer_a2.pk, False)]


def test_a_newcomer_who_leaves_the_track_mid_signup_skips_its_step(client, org_a):
    walk_to_languages(client, org_a, {"newcomer": "on"})
    volunteer = Volunteer.objects.get()
    assert volunteer.signup_step == "newcomer"
    client.post(step_url("about"), ABOUT)  # back, and the box unticked
    volunteer.refresh_from_db()
    assert volunteer.signup_step == "availability"
    assert client.get(reverse("volunteers:signup"))["Location"] == step_url("availability")


def test_factory_volunteers_are_no_newcomers(db):
    assert not VolunteerFactory().is_newcomer
