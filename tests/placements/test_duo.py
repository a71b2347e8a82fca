"""Duo placements (issue 10, seed 004): a supporter joins a newcomer's first weeks; the
matchmaker records them on the match, the supporting volunteer sees the match in Mijn
Koppel (read-only, only what they need), and both journeys note it."""

from datetime import date

import pytest
from django.urls import reverse

from core.models import AuditEvent
from journey.models import TimelineEvent
from placements.models import MatchSupporter
from tests.conftest import login
from tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def duo_url(match):
    return reverse("placements:supporter", args=[match.pk])


MINE = reverse("placements:mine")


def test_the_matchmaker_adds_an_experienced_volunteer_as_supporter(
        match, experienced, matchmaker_a, matchmaker_a_client):
    page = matchmaker_a_client.get(duo_url(match)).content.decode()
    assert "Begeleider in de eerste weken" in page and "Henk Bakker" in page
    assert ">Sara El Idrissi<" not in page.split('name="volunteer"')[1].split("</select>")[0]
    response = matchmaker_a_client.post(duo_url(match), {
        "kind": "volunteer", "volunteer": experienced.pk, "until": "2026-12-20"})
    assert response.status_code == 302
    supporter = MatchSupporter.objects.get(match=match)
    assert supporter.volunteer == experienced and supporter.until == date(2026, 12, 20)
    assert supporter.contact_email == "henk@a.example"
    page = matchmaker_a_client.get(duo_url(match)).content.decode()
    assert "Gaat mee tot en met 20 december 2026." in page

    # Both journeys say so.
    henk = TimelineEvent.objects.get(volunteer=experienced, kind="duo")
    assert henk.data == {"reference": "REQ-0101", "until": "2026-12-20", "match": match.pk,
                         "role": "supporter"}
    assert henk.by == matchmaker_a and "Sara El Idrissi" in henk.note
    sara = TimelineEvent.objects.get(volunteer=match.volunteer, kind="duo")
    assert sara.note == "Henk Bakker" and sara.data["role"] == "newcomer"
    timeline = matchmaker_a_client.get(reverse("journey:timeline", args=[experienced.pk]))
    assert "Duo-plaatsing" in timeline.content.decode()
    assert AuditEvent.objects.filter(actor=matchmaker_a, action="view", subject_type="volunteer",
                                     subject_id=experienced.pk).exists()


def test_a_key_person_from_the_community_needs_a_name_and_a_way_to_reach_them(
        match, matchmaker_a_client):
    page = matchmaker_a_client.post(duo_url(match), {
        "kind": "community", "until": "2026-12-20"}).content.decode()
    assert "Vul de naam in." in page and "Vul een telefoonnummer of e-mailadres in." in page
    assert 'value="2026-12-20"' in page          # what was typed stays
    assert not MatchSupporter.objects.exists()
    matchmaker_a_client.post(duo_url(match), {
        "kind": "community", "name": "Imam Yusuf", "phone": "06 11122233",
        "until": "2026-12-20"})
    supporter = MatchSupporter.objects.get(match=match)
    assert supporter.display_name == "Imam Yusuf" and supporter.volunteer is None
    assert TimelineEvent.objects.get(volunteer=match.volunteer, kind="duo").note == "Imam Yusuf"


def test_a_supporter_is_another_volunteer_of_the_same_organisation(
        match, org_b, matchmaker_a_client):
    stranger = VolunteerFactory(organisation=org_b, first_name="Bram", last_name="Buiten")
    for candidate in (stranger, match.volunteer):
        page = matchmaker_a_client.post(duo_url(match), {
            "kind": "volunteer", "volunteer": candidate.pk, "until": "2026-12-20"}).content
        assert "is-invalid" in page.decode()
    page = matchmaker_a_client.post(duo_url(match), {
        "kind": "volunteer", "until": "2026-12-20"}).content.decode()
    assert "Kies de vrijwilliger die meegaat." in page
    assert not MatchSupporter.objects.exists()


def test_the_supporter_is_removed_with_one_click(match, experienced, matchmaker_a_client):
    matchmaker_a_client.post(duo_url(match), {"kind": "volunteer", "volunteer": experienced.pk,
                                              "until": "2026-12-20"})
    matchmaker_a_client.post(duo_url(match), {"remove": "1"})
    assert not MatchSupporter.objects.exists()


def test_the_supporting_volunteer_sees_the_match_read_only_with_what_they_need(
        match, experienced, matchmaker_a_client, volunteer_a_client):
    matchmaker_a_client.post(duo_url(match), {"kind": "volunteer", "volunteer": experienced.pk,
                                              "until": "2026-12-20"})
    matchmaker_a_client.post(reverse("placements:agreement", args=[match.pk]), {
        "agreed_on": "2026-11-20", "days_and_times": "Dinsdag 10.00-12.00",
        "sick_leave": "Voor 9 uur bellen", "check_frequency": "biweekly"})
    henk = login(experienced.user)
    mine = henk.get(reverse("volunteers:mine")).content.decode()
    assert reverse("placements:mine") in mine and "Duo en werkafspraken" in mine
    page = henk.get(MINE).content.decode()
    assert "Je gaat mee met Sara" in page and "20 december 2026" in page
    assert "Dinsdag 10.00-12.00" in page and "Voor 9 uur bellen" in page
    assert "elke twee weken" in page
    # Only what they need: not the family's details, not Sara's last name or contact.
    caregiver = match.request.caregiver
    for private in (caregiver.name, caregiver.phone, caregiver.email, "El Idrissi",
                    match.volunteer.email):
        assert private not in page
    assert 'method="post"' not in page.split("<h1")[1]      # read-only

    # The newcomer sees the agreements and who goes with them.
    own = volunteer_a_client.get(MINE).content.decode()
    assert "Jouw werkafspraken" in own and "Henk Bakker gaat met je mee tot en met" in own
    assert "henk@a.example" in own


def test_a_volunteer_without_a_duo_or_agreements_sees_no_link(volunteer_a_client):
    mine = volunteer_a_client.get(reverse("volunteers:mine")).content.decode()
    assert reverse("placements:mine") not in mine
    page = volunteer_a_client.get(MINE).content.decode()
    assert "Er zijn nog geen werkafspraken." in page


def test_an_ended_match_is_no_longer_shown_to_the_supporter(match, experienced,
                                                            matchmaker_a_client):
    matchmaker_a_client.post(duo_url(match), {"kind": "volunteer", "volunteer": experienced.pk,
                                              "until": "2026-12-20"})
    match.status = "ended"
    match.save(update_fields=["status"])
    page = login(experienced.user).get(MINE).content.decode()
    assert "Je gaat mee met Sara" not in page


def test_erasing_the_supporter_removes_them_from_the_duo(match, experienced, matchmaker_a_client):
    from volunteers.services import volunteer_erase

    matchmaker_a_client.post(duo_url(match), {"kind": "volunteer", "volunteer": experienced.pk,
                                              "until": "2026-12-20"})
    volunteer_erase(volunteer=experienced)
    assert not MatchSupporter.objects.exists()


def test_someone_else_cannot_see_the_duo_page(match, coordinator_b_client, volunteer_a_client):
    assert coordinator_b_client.get(duo_url(match)).status_code == 404
    assert volunteer_a_client.get(duo_url(match)).status_code == 403


def test_download_my_data_lists_the_duo_and_the_agreements(match, experienced,
                                                           matchmaker_a_client,
                                                           volunteer_a_client):
    import json

    matchmaker_a_client.post(duo_url(match), {"kind": "volunteer", "volunteer": experienced.pk,
                                              "until": "2026-12-20"})
    matchmaker_a_client.post(reverse("placements:agreement", args=[match.pk]), {
        "agreed_on": "2026-11-20", "sick_leave": "Voor 9 uur bellen",
        "check_frequency": "monthly"})
    own = json.loads(volunteer_a_client.get(reverse("volunteers:mine_export")).content)
    [agreement] = own["duo_and_agreements"]["agreements"]
    assert agreement["sick_leave"] == "Voor 9 uur bellen"
    assert agreement["check_frequency"] == "monthly"
    henk = json.loads(login(experienced.user).get(reverse("volunteers:mine_export")).content)
    assert henk["duo_and_agreements"]["supporting"] == [{"match": match.pk,
                                                         "until": "2026-12-20"}]
