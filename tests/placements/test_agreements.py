"""Working agreements recorded at the introduction, after seed 004's "formulier kennis
maken"; the volunteer reads them in Mijn Koppel."""

import pytest
from django.urls import reverse

from placements.models import WorkingAgreement

pytestmark = pytest.mark.django_db

AGREEMENT = {
    "agreed_on": "2026-11-20", "days_and_times": "Dinsdag en donderdag, 10.00-12.00 uur",
    "sick_leave": "Bel Henk voor 9 uur", "lunch_and_diet": "Zelf lunch mee; halal",
    "breaks_and_smoking": "Pauze om 11 uur; roken buiten", "holidays": "Vrij met het Suikerfeest",
    "greeting": "Geen hand geven; wel knikken", "reminders": "on",
    "reminder_channel": "whatsapp", "check_frequency": "biweekly", "other": "",
}


def url(match):
    return reverse("placements:agreement", args=[match.pk])


def test_the_form_asks_what_the_seed_asks(match, matchmaker_a_client):
    page = matchmaker_a_client.get(url(match)).content.decode()
    for label in ("Dagen en tijden", "Ziek melden: hoe en wanneer", "Lunch en dieet",
                  "Pauzes en roken", "Vakantie en feestdagen",
                  "Omgangsvormen en begroeten (man/vrouw)", "Wil herinneringen krijgen",
                  "Herinneringen via", "elke werkdag", "elke twee weken", "elke maand"):
        assert label in page, label


def test_the_matchmaker_records_the_agreements_and_the_volunteer_reads_them(
        match, matchmaker_a, matchmaker_a_client, volunteer_a_client):
    response = matchmaker_a_client.post(url(match), AGREEMENT)
    assert response.status_code == 302
    agreement = WorkingAgreement.objects.get(match=match)
    assert agreement.check_frequency == "biweekly" and agreement.reminder_channel == "whatsapp"
    assert agreement.recorded_by == matchmaker_a
    overview = matchmaker_a_client.get(reverse("placements:supporter", args=[match.pk]))
    assert "Bel Henk voor 9 uur" in overview.content.decode()

    mine = volunteer_a_client.get(reverse("volunteers:mine")).content.decode()
    assert reverse("placements:mine") in mine
    page = volunteer_a_client.get(reverse("placements:mine")).content.decode()
    for text in ("Jouw werkafspraken", "Dinsdag en donderdag, 10.00-12.00 uur",
                 "Ziek? Zo meld je je af", "Bel Henk voor 9 uur", "Geen hand geven; wel knikken",
                 "Ja, via WhatsApp", "elke twee weken"):
        assert text in page, text


def test_reminders_need_a_channel_and_the_form_keeps_what_was_typed(match, matchmaker_a_client):
    page = matchmaker_a_client.post(url(match), {**AGREEMENT, "reminder_channel": ""})
    page = page.content.decode()
    assert "Kies hoe de herinneringen komen." in page
    assert "Bel Henk voor 9 uur" in page
    assert not WorkingAgreement.objects.exists()


def test_no_reminders_means_no_channel(match, matchmaker_a_client):
    matchmaker_a_client.post(url(match), {**AGREEMENT, "reminders": ""})
    assert WorkingAgreement.objects.get(match=match).reminder_channel == ""


def test_the_agreements_can_be_changed(match, matchmaker_a_client):
    matchmaker_a_client.post(url(match), AGREEMENT)
    page = matchmaker_a_client.get(url(match)).content.decode()
    assert "Bel Henk voor 9 uur" in page and 'value="2026-11-20"' in page
    matchmaker_a_client.post(url(match), {**AGREEMENT, "check_frequency": "monthly"})
    assert WorkingAgreement.objects.get(match=match).check_frequency == "monthly"


def test_the_volunteer_can_read_them_in_arabic(match, matchmaker_a_client, volunteer_a_client):
    matchmaker_a_client.post(url(match), AGREEMENT)
    volunteer_a_client.cookies["django_language"] = "ar"
    page = volunteer_a_client.get(reverse("placements:mine")).content.decode()
    assert 'dir="rtl"' in page
    assert "Jouw werkafspraken" not in page and "Dinsdag en donderdag" in page


def test_the_match_pages_show_the_duo_and_the_agreements(
        match, experienced, matchmaker_a_client, volunteer_a_client):
    matchmaker_a_client.post(url(match), AGREEMENT)
    matchmaker_a_client.post(reverse("placements:supporter", args=[match.pk]), {
        "kind": "volunteer", "volunteer": experienced.pk, "until": "2026-12-20"})
    staff = matchmaker_a_client.get(reverse("matchmaking:match_detail", args=[match.pk]))
    staff = staff.content.decode()
    assert reverse("placements:supporter", args=[match.pk]) in staff
    assert "Henk Bakker" in staff and "verwachtingen bespreken: elke twee weken" in staff
    own = volunteer_a_client.get(reverse("matchmaking:my_match", args=[match.pk])).content.decode()
    assert "Jouw werkafspraken" in own and "Bel Henk voor 9 uur" in own
    assert "Henk Bakker gaat met je mee tot en met 20 december 2026." in own


def test_the_demo_gives_one_running_match_a_duo_and_agreements(match, experienced, org_a):
    from placements import demo

    assert demo.seed(organisation=org_a, log=lambda message: None) == 1
    agreement = WorkingAgreement.objects.get(match=match)
    assert agreement.check_frequency == "biweekly"
    assert match.supporter.volunteer == experienced
    assert demo.seed(organisation=org_a, log=lambda message: None) == 0   # once
