"""The partner directory (sociale kaart) and referring a request to a partner."""

import pytest
from django.urls import reverse

from caregivers.models import HelpRequest, Partner, Referral
from caregivers.selectors import partner_suggestions

from ..factories import HelpRequestFactory

Status = HelpRequest.Status


@pytest.fixture
def partners(org_a, org_b):
    return {
        "taal": Partner.objects.create(organisation=org_a, name="Taalhuis",
                                       activities=["language_buddy", "homework"],
                                       how_to_refer="Via het spreekuur"),
        "maatje": Partner.objects.create(organisation=org_a, name="Humanitas",
                                         activities=["companionship", "outings", "walking"]),
        "klus": Partner.objects.create(organisation=org_a, name="Klussendienst",
                                       activities=["odd_jobs"]),
        "oud": Partner.objects.create(organisation=org_a, name="Opgeheven",
                                      activities=["companionship"], active=False),
        "b": Partner.objects.create(organisation=org_b, name="Partner van B",
                                    activities=["companionship"]),
    }


def test_coordinators_add_and_edit_partners(coordinator_a_client, org_a):
    response = coordinator_a_client.post(reverse("caregivers:partner_create"), {
        "name": "Stichting Thuisadministratie", "activities": ["administration"],
        "area": "Utrecht", "contact_person": "Rob", "email": "rob@example.nl",
        "phone": "030-1234567", "website": "thuisadministratie.nl",
        "how_to_refer": "Bellen op dinsdag", "active": "on"})
    partner = Partner.objects.get(name="Stichting Thuisadministratie")
    assert response.status_code == 302 and partner.organisation == org_a
    assert partner.activities == ["administration"]
    assert partner.website == "https://thuisadministratie.nl"
    coordinator_a_client.post(reverse("caregivers:partner_edit", args=[partner.pk]), {
        "name": partner.name, "activities": ["administration", "digital_help"], "active": ""})
    partner.refresh_from_db()
    assert partner.activities == ["administration", "digital_help"] and not partner.active


def test_a_partner_needs_a_name(coordinator_a_client):
    response = coordinator_a_client.post(reverse("caregivers:partner_create"),
                                         {"name": "", "activities": ["karate"]})
    assert response.status_code == 400 and not Partner.objects.exists()


def test_the_directory_lists_active_partners_and_filters(matchmaker_a_client, partners):
    page = matchmaker_a_client.get(reverse("caregivers:partner_list")).content.decode()
    assert "Taalhuis" in page and "Humanitas" in page
    assert "Opgeheven" not in page and "Partner van B" not in page
    filtered = matchmaker_a_client.get(reverse("caregivers:partner_list"),
                                       {"activity": "odd_jobs"}).content.decode()
    assert "Klussendienst" in filtered and "Taalhuis" not in filtered
    with_inactive = matchmaker_a_client.get(reverse("caregivers:partner_list"),
                                            {"inactive": "1"}).content.decode()
    assert "Opgeheven" in with_inactive


def test_suggestions_are_partners_whose_activities_overlap_most_first(org_a, partners):
    request = HelpRequestFactory(organisation=org_a,
                                 activities=["companionship", "walking", "homework"])
    suggested = partner_suggestions(request=request)
    assert [p.name for p in suggested] == ["Humanitas", "Taalhuis"]
    assert suggested[0].shared_activities == ["companionship", "walking"]


def test_refer_a_request(coordinator_a_client, coordinator_a, org_a, partners):
    request = HelpRequestFactory(organisation=org_a, status=Status.NEW,
                                 activities=["language_buddy"])
    url = reverse("caregivers:request_refer", args=[request.pk])
    page = coordinator_a_client.get(url).content.decode()
    assert page.index("Taalhuis") < page.index("Humanitas")  # suggestion first
    assert "Via het spreekuur" in page and "Partner van B" not in page
    response = coordinator_a_client.post(url, {"partner": partners["taal"].pk,
                                               "reason": "Taalles past beter bij het Taalhuis"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REFERRED and not request.is_open
    referral = Referral.objects.get(request=request)
    assert referral.partner == partners["taal"] and referral.by == coordinator_a
    assert referral.reason == "Taalles past beter bij het Taalhuis"
    step = request.transitions.last()
    assert step.to_status == "referred" and "Taalhuis" in step.note and step.by == coordinator_a
    detail = coordinator_a_client.get(reverse("caregivers:request_detail", args=[request.pk]))
    assert "Taalles past beter" in detail.content.decode()
    partner_page = coordinator_a_client.get(
        reverse("caregivers:partner_detail", args=[partners["taal"].pk])).content.decode()
    assert request.reference in partner_page


def test_a_referral_needs_a_partner_and_a_reason(coordinator_a_client, org_a, partners):
    request = HelpRequestFactory(organisation=org_a, status=Status.NEW)
    url = reverse("caregivers:request_refer", args=[request.pk])
    response = coordinator_a_client.post(url, {"partner": "", "reason": ""})
    assert response.status_code == 400
    response = coordinator_a_client.post(url, {"partner": partners["b"].pk, "reason": "x"})
    assert response.status_code == 400  # another organisation's partner is not a choice
    response = coordinator_a_client.post(url, {"partner": partners["oud"].pk, "reason": "x"})
    assert response.status_code == 400  # nor an inactive one
    request.refresh_from_db()
    assert request.status == Status.NEW and not Referral.objects.exists()


def test_a_settled_request_cannot_be_referred(coordinator_a_client, org_a, partners):
    request = HelpRequestFactory(organisation=org_a, status=Status.CLOSED)
    url = reverse("caregivers:request_refer", args=[request.pk])
    assert "niet meer open" in coordinator_a_client.get(url).content.decode()
    response = coordinator_a_client.post(url, {"partner": partners["taal"].pk, "reason": "x"},
                                         follow=True)
    assert "kan niet naar" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_request_page_suggests_partners(coordinator_a_client, org_a, partners):
    request = HelpRequestFactory(organisation=org_a, activities=["odd_jobs"])
    page = coordinator_a_client.get(
        reverse("caregivers:request_detail", args=[request.pk])).content.decode()
    assert "Partners voor deze hulp" in page and "Klussendienst" in page
