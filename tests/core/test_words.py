"""Words that fit (issue 10, seed 000): the organisation admin chooses how volunteers are
named towards families, and every text for caregivers uses that word."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.models import Organisation
from core.words import volunteer_word

URL = reverse("core:organisation_settings")


@pytest.mark.parametrize(("choice", "singular", "plural"), [
    ("volunteer", "vrijwilliger", "vrijwilligers"),
    ("buddy", "maatje", "maatjes"),
    ("good_neighbour", "goede buur", "goede buren"),
])
def test_presets_in_dutch_and_english(org_a, choice, singular, plural):
    org_a.volunteer_word = choice
    assert (volunteer_word(org_a), volunteer_word(org_a, plural=True)) == (singular, plural)
    with translation.override("en"):
        assert volunteer_word(org_a) in {"volunteer", "buddy", "good neighbour"}


def test_presets_are_translated_for_the_portal_languages(org_a):
    org_a.volunteer_word = "good_neighbour"
    with translation.override("tr"):
        assert volunteer_word(org_a) == "iyi komşu"
    with translation.override("ar"):
        assert volunteer_word(org_a) == "جار طيب"


def test_an_own_word_is_shown_as_written_in_every_language(org_a):
    org_a.volunteer_word = "own"
    org_a.volunteer_word_own, org_a.volunteer_word_own_plural = "steunmaatje", "steunmaatjes"
    with translation.override("en"):
        assert volunteer_word(org_a) == "steunmaatje"
        assert volunteer_word(org_a, plural=True) == "steunmaatjes"


def test_without_an_organisation_it_is_volunteer(db):
    assert volunteer_word(None) == "vrijwilliger"


def test_template_tag(org_a):
    org_a.volunteer_word = "buddy"
    html = Template("{% load koppel_words %}{% volunteer_word org as w %}Uw {{ w }}, "
                    "onze {% volunteer_word org plural=True %}").render(Context({"org": org_a}))
    assert html == "Uw maatje, onze maatjes"


def test_the_admin_chooses_the_word(admin_a_client, org_a):
    page = admin_a_client.get(URL).content.decode()
    assert "Woorden die passen" in page and "Uw vrijwilliger komt dinsdag langs." in page
    response = admin_a_client.post(URL, {"volunteer_word": "good_neighbour",
                                         "email": "info@aalst.example", "phone": "030 123 4567"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.volunteer_word == "good_neighbour" and org_a.email == "info@aalst.example"
    assert "Uw goede buur komt dinsdag langs." in admin_a_client.get(URL).content.decode()


def test_an_own_word_needs_both_forms_and_keeps_what_was_typed(admin_a_client, org_a):
    response = admin_a_client.post(URL, {"volunteer_word": "own", "volunteer_word_own": "buddy"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul ook het meervoud in" in page and 'value="buddy"' in page
    assert Organisation.objects.get(pk=org_a.pk).volunteer_word == "volunteer"
    admin_a_client.post(URL, {"volunteer_word": "own", "volunteer_word_own": " buddy ",
                              "volunteer_word_own_plural": "buddy's"})
    org_a.refresh_from_db()
    assert (org_a.volunteer_word_own, org_a.volunteer_word_own_plural) == ("buddy", "buddy's")
    # Back to a preset: the own word does not linger.
    admin_a_client.post(URL, {"volunteer_word": "buddy", "volunteer_word_own": "buddy",
                              "volunteer_word_own_plural": "buddy's"})
    org_a.refresh_from_db()
    assert (org_a.volunteer_word, org_a.volunteer_word_own) == ("buddy", "")


def test_only_admins_change_it(coordinator_a_client, matchmaker_a_client, volunteer_a_client,
                               anonymous_client):
    for client in (coordinator_a_client, matchmaker_a_client, volunteer_a_client):
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"volunteer_word": "buddy"}).status_code == 403
    assert anonymous_client.get(URL).status_code == 302


def test_the_admin_finds_the_page_in_the_menu(admin_a_client, coordinator_a_client):
    assert URL in admin_a_client.get(reverse("core:team")).content.decode()
    assert URL not in coordinator_a_client.get(reverse("volunteers:list")).content.decode()


def test_the_intake_asks_for_consent_in_the_organisations_word(coordinator_a_client, org_a):
    org_a.volunteer_word = "buddy"
    org_a.save()
    page = coordinator_a_client.get(reverse("caregivers:intake")).content.decode()
    assert "Mogen we uw naam en telefoonnummer geven aan uw maatje?" in page
