"""The coordinator's intake page: one form for caregiver, care recipient and request."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caregivers.models import (
    Caregiver,
    CaregiverLanguage,
    CareRecipient,
    CareRelation,
    HelpRequest,
    RecipientLanguage,
)
from core.models import AuditEvent
from core.vocabulary import LEVEL_ORDER

from ..factories import CaregiverFactory, CareRecipientFactory, HelpRequestFactory
from .helpers import intake_data

URL = reverse("caregivers:intake")


def languages_of(obj):
    return {(row.language, row.level_code) for row in obj.languages.all()}


def test_a_phone_intake_with_only_the_minimum(coordinator_a_client, coordinator_a, org_a,
                                              utrecht):
    response = coordinator_a_client.post(URL, intake_data())
    request = HelpRequest.objects.get(organisation=org_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:request_detail", args=[request.pk])
    assert request.reference == "REQ-0001"
    assert request.status == HelpRequest.Status.INTAKE_DONE
    assert request.postcode == "3511 AB"
    assert (request.latitude, request.longitude) == (52.0929, 5.1145)
    assert request.recipient is None
    caregiver = request.caregiver
    assert caregiver.name == "Samira Bouzid" and caregiver.phone == "06 1234 5678"
    assert caregiver.consent_data_at is not None and caregiver.consent_share_contact_at is None
    # Request languages default to what the people entered speak.
    assert languages_of(request) == {("tr", "native"), ("nl", "B1")}
    assert languages_of(caregiver) == {("tr", "native"), ("nl", "B1")}
    steps = list(request.transitions.values_list("from_status", "to_status", "by"))
    assert steps == [("", "new", coordinator_a.pk), ("new", "intake_done", coordinator_a.pk)]
    assert AuditEvent.objects.filter(action="create", subject_type="caregiver",
                                     subject_id=caregiver.pk, actor=coordinator_a).exists()
    page = coordinator_a_client.get(response["Location"]).content.decode()
    assert "REQ-0001" in page and "Samira Bouzid" in page


def test_intake_can_start_matching_right_away(coordinator_a_client, org_a):
    coordinator_a_client.post(URL, intake_data(next_status="matching"))
    request = HelpRequest.objects.get(organisation=org_a)
    assert request.status == HelpRequest.Status.MATCHING
    assert [t.to_status for t in request.transitions.all()] == ["new", "intake_done", "matching"]


def test_a_new_recipient_is_linked_and_their_languages_count(coordinator_a_client, org_a):
    coordinator_a_client.post(URL, intake_data(**{
        "rc-name": "Fatma Bouzid", "rc-relationship": "moeder", "rc-birth_year": "1941",
        "rc-languages_0_language": "Turkish", "rc-languages_0_level": "native",
        "rc-languages_1_language": "Nederlands", "rc-languages_1_level": "A1",
        "rc-situation": "Beginnende dementie.",
    }))
    request = HelpRequest.objects.get(organisation=org_a)
    recipient = request.recipient
    assert recipient.name == "Fatma Bouzid" and recipient.birth_year == 1941
    assert CareRelation.objects.get(recipient=recipient).relationship == "moeder"
    assert languages_of(recipient) == {("tr", "native"), ("nl", "A1")}
    # Together: each language at the best level anyone has.
    assert languages_of(request) == {("tr", "native"), ("nl", "B1")}


def test_languages_typed_for_the_request_win(coordinator_a_client, org_a):
    coordinator_a_client.post(URL, intake_data(**{
        "rq-languages_0_language": "ar", "rq-languages_0_level": "native"}))
    assert languages_of(HelpRequest.objects.get(organisation=org_a)) == {("ar", "native")}


def test_everything_typed_is_stored(coordinator_a_client, org_a):
    coordinator_a_client.post(URL, intake_data(**{
        "cg-email": "Samira@Example.NL", "cg-consent_share_contact": "on",
        "rq-activities": ["walking", "outings"], "rq-slots": ["mon:morning", "sat:evening"],
        "rq-frequency": "biweekly", "rq-commitment": "short",
        "rq-profile_sought": "Rustige wandelaar", "rq-culture_preference": "same_background",
        "rq-background": "Turks", "rq-background_consent": "on",
        "rq-gender_preference": "female", "rq-practical_wishes": "Geen handen schudden",
        "rq-boundaries": "Geen persoonlijke verzorging", "rq-urgency": "high",
        "rq-description": "Graag wandelen in het park.", "rq-interests": "wandelen, musea",
        "rq-source": "gp", "rq-referrer_contact": "Dr. Jansen, 030-1234567",
        "rq-reference": "HUISARTS-7",
        "rq-received_on": (timezone.localdate() - timedelta(days=10)).isoformat(),
    }))
    request = HelpRequest.objects.get(organisation=org_a)
    assert request.reference == "HUISARTS-7"
    assert request.activities == ["walking", "outings"]
    assert request.slots == ["mon:morning", "sat:evening"]
    assert (request.frequency, request.commitment) == ("biweekly", "short")
    assert request.culture_preference == "same_background" and request.background == "Turks"
    assert request.background_consent_at is not None
    assert request.gender_preference == "female" and request.urgency == "high"
    assert request.interests == ["wandelen", "musea"]
    assert request.source == "gp" and request.referrer_contact.startswith("Dr. Jansen")
    assert (timezone.now() - request.received_at).days in (9, 10)
    assert request.caregiver.email == "samira@example.nl"
    assert request.caregiver.consent_share_contact_at is not None


def test_references_count_on_per_organisation(coordinator_a_client, org_a, org_b):
    HelpRequestFactory(organisation=org_a, reference="REQ-0009")
    HelpRequestFactory(organisation=org_a, reference="REQ-0010-oud")
    HelpRequestFactory(organisation=org_b, reference="REQ-0500")
    coordinator_a_client.post(URL, intake_data())
    assert HelpRequest.objects.filter(organisation=org_a, reference="REQ-0010").exists()


def test_an_unknown_postcode_area_is_fine(coordinator_a_client, org_a):
    coordinator_a_client.post(URL, intake_data(**{"rq-postcode": "9999 ZZ"}))
    request = HelpRequest.objects.get(organisation=org_a)
    assert request.postcode == "9999 ZZ" and request.latitude is None
    page = coordinator_a_client.get(reverse("caregivers:request_detail", args=[request.pk]))
    assert "afstand onbekend" in page.content.decode()


# --- an existing caregiver -------------------------------------------------------------------


@pytest.fixture
def known(org_a):
    caregiver = CaregiverFactory(organisation=org_a, name="Khadija Benali", phone="0687654321")
    mother = CareRecipientFactory(organisation=org_a, name="Naima Benali")
    CareRelation.objects.create(caregiver=caregiver, recipient=mother, relationship="moeder")
    CaregiverLanguage.objects.create(caregiver=caregiver, language="nl", level=LEVEL_ORDER["C1"])
    RecipientLanguage.objects.create(recipient=mother, language="rif", level=LEVEL_ORDER["native"])
    return caregiver, mother


def test_search_finds_known_caregivers_of_the_own_organisation_only(coordinator_a_client, known,
                                                                   org_b):
    CaregiverFactory(organisation=org_b, name="Khadija Andere")
    response = coordinator_a_client.get(URL, {"q": "khadija"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Khadija Benali" in page and "Naima Benali" in page
    assert "Khadija Andere" not in page
    by_phone = coordinator_a_client.get(URL, {"q": "06 8765"}, HTTP_HX_REQUEST="true")
    assert "Khadija Benali" in by_phone.content.decode()


def test_picking_a_caregiver_keeps_what_was_typed(coordinator_a_client, known):
    caregiver, _mother = known
    response = coordinator_a_client.post(URL, intake_data(**{
        "pick": str(caregiver.pk), "rq-description": "Eerst getypt, dan gezocht"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Eerst getypt, dan gezocht" in page
    assert f'name="caregiver" value="{caregiver.pk}"' in page
    assert 'id="form-errors"' not in page
    assert not HelpRequest.objects.exists()


def test_a_request_for_a_known_caregiver_and_recipient(coordinator_a_client, known, org_a):
    caregiver, mother = known
    page = coordinator_a_client.get(URL, {"caregiver": caregiver.pk}).content.decode()
    assert "Khadija Benali" in page and f'value="{mother.pk}"' in page
    data = intake_data(caregiver=str(caregiver.pk), recipient=str(mother.pk))
    data = {k: v for k, v in data.items() if not k.startswith("cg-")}
    response = coordinator_a_client.post(URL, data)
    assert response.status_code == 302
    request = HelpRequest.objects.get(organisation=org_a)
    assert request.caregiver == caregiver and request.recipient == mother
    assert languages_of(request) == {("nl", "C1"), ("rif", "native")}
    assert Caregiver.objects.count() == 1 and CareRecipient.objects.count() == 1


def test_a_caregiver_of_another_organisation_cannot_be_used(coordinator_a_client, org_b):
    foreign = CaregiverFactory(organisation=org_b)
    response = coordinator_a_client.post(URL, intake_data(caregiver=str(foreign.pk)))
    assert response.status_code == 400
    assert not HelpRequest.objects.exists()
    assert foreign.name not in response.content.decode()


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("overrides, field_id, message", [
    ({"rq-activities": None}, "id_rq-activities", "verplicht"),
    ({"rq-slots": None}, "id_rq-slots", "verplicht"),
    ({"rq-postcode": ""}, "id_rq-postcode", "verplicht"),
    ({"rq-postcode": "35111"}, "id_rq-postcode", "Geen geldige postcode"),
    ({"cg-phone": "", "cg-email": ""}, "id_cg-phone", "Hoe bereiken we"),
    ({"cg-email": "geen-adres"}, "id_cg-email", "e-mailadres"),
    ({"cg-consent_data": None}, "id_cg-consent_data", "Zonder toestemming"),
    ({"cg-name": ""}, "id_cg-name", "verplicht"),
    ({"rq-background": "Marokkaans"}, "id_rq-background_consent", "toestemming"),
    ({"rq-culture_preference": "same_background"}, "id_rq-background", "achtergrond"),
    ({"rq-culture_preference": "mixed"}, "id_rq-culture_preference", "geldige keuze"),
    ({"rq-activities": ["companionship", "karate"]}, "id_rq-activities", "geldige keuze"),
    ({"rq-slots": ["mon:night"]}, "id_rq-slots", "geldige keuze"),
    ({"cg-languages_0_language": "Blablaans"}, "id_cg-languages", "kennen we niet"),
    ({"cg-languages_0_level": ""}, "id_cg-languages", "Kies een niveau"),
    ({"cg-languages_0_level": "C9"}, "id_cg-languages", "Kies een niveau"),
    ({"cg-languages_1_language": "Turks"}, "id_cg-languages", "twee keer"),
    ({"rq-received_on": "2999-01-01"}, "id_rq-received_on", "toekomst"),
    ({"rq-received_on": "gisteren"}, "id_rq-received_on", "datum"),
    ({"rc-name": "Oma", "rc-birth_year": "1850"}, "id_rc-birth_year", "geboortejaar"),
    ({"recipient": "new"}, "id_rc-name", "naam van de zorgvrager"),
    ({"next_status": "matched"}, "id_next_status", "geldige keuze"),
])
def test_bad_input_shows_the_form_again_with_everything_typed(
        coordinator_a_client, org_a, overrides, field_id, message):
    data = intake_data(**{"rq-description": "Dit mag niet verloren gaan", **overrides})
    response = coordinator_a_client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="form-errors"' in page
    assert f'href="#{field_id}' in page            # the summary links to the field
    assert message.lower() in page.lower()
    assert "Dit mag niet verloren gaan" in page
    assert 'value="Samira Bouzid"' in page or overrides.get("cg-name") == ""
    assert not HelpRequest.objects.exists() and not Caregiver.objects.exists()


def test_no_language_anywhere_is_refused(coordinator_a_client):
    data = intake_data(**{"cg-languages_0_language": None, "cg-languages_0_level": None,
                          "cg-languages_1_language": None, "cg-languages_1_level": None})
    response = coordinator_a_client.post(URL, data)
    assert response.status_code == 400
    assert "minstens één taal" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_reference_that_exists_is_refused(coordinator_a_client, org_a):
    HelpRequestFactory(organisation=org_a, reference="REQ-0042")
    response = coordinator_a_client.post(URL, intake_data(**{"rq-reference": "REQ-0042"}))
    assert response.status_code == 400 and "bestaat al" in response.content.decode()
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize("garbage", [
    {"caregiver": "abc"}, {"caregiver": "99999999"}, {"recipient": "12abc"},
    {"pick": "not-a-number"}, {"rq-languages_0_level": "native"},
    {"rq-interests": "x" * 500}, {"action": "search", "q": "%" * 300},
])
def test_garbage_never_breaks_the_page(coordinator_a_client, garbage):
    response = coordinator_a_client.post(URL, intake_data(**garbage))
    assert response.status_code in (200, 302, 400)


def test_the_page_is_one_form_with_labelled_fields(coordinator_a_client):
    page = coordinator_a_client.get(URL).content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    assert main.count("<form") == 1
    assert '<table class="table table-sm table-bordered slot-table' in page
    assert page.count('type="checkbox" class="form-check-input" name="rq-slots"') == 21
    assert page.count('<span class="visually-hidden">dinsdagmiddag</span>') == 1
    assert "<legend" in page and 'scope="row"' in page and 'scope="col"' in page
    assert "<script>" not in page and "onclick" not in page


def test_search_without_javascript_keeps_what_was_typed(coordinator_a_client, known):
    response = coordinator_a_client.post(URL, intake_data(**{
        "action": "search", "q": "benali", "rq-description": "Al getypt"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Khadija Benali" in page and f'name="pick" value="{known[0].pk}"' in page
    assert "Al getypt" in page and 'id="form-errors"' not in page


def test_picking_another_organisations_caregiver_shows_nothing(coordinator_a_client, org_b):
    foreign = CaregiverFactory(organisation=org_b, name="Iemand Van Bee")
    response = coordinator_a_client.post(URL, intake_data(pick=str(foreign.pk)))
    assert response.status_code == 200 and "Iemand Van Bee" not in response.content.decode()
