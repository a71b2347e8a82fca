"""Who may do what: another organisation sees nothing (404), matchmakers read but do not
take in, import or refer (403), volunteers and visitors stay out."""

import pytest
from django.urls import reverse

from caregivers.models import Caregiver, HelpRequest, Partner, PendingImport, Referral

from ..factories import HelpRequestFactory

Status = HelpRequest.Status


@pytest.fixture
def objects_a(org_a, coordinator_a):
    request = HelpRequestFactory(organisation=org_a, reference="GEHEIM-A", status=Status.NEW)
    partner = Partner.objects.create(organisation=org_a, name="Partner Alfa",
                                     activities=["companionship"])
    pending = PendingImport.objects.create(organisation=org_a, uploaded_by=coordinator_a,
                                           data=b"reference\n", filename="a.csv")
    return {"request": request, "caregiver": request.caregiver, "recipient": request.recipient,
            "partner": partner, "pending": pending}


OBJECT_PAGES = [  # (url name, object, method)
    ("caregivers:request_detail", "request", "get"),
    ("caregivers:request_edit", "request", "get"),
    ("caregivers:request_edit", "request", "post"),
    ("caregivers:request_refer", "request", "get"),
    ("caregivers:request_refer", "request", "post"),
    ("caregivers:request_transition", "request", "post"),
    ("caregivers:caregiver_detail", "caregiver", "get"),
    ("caregivers:caregiver_edit", "caregiver", "get"),
    ("caregivers:caregiver_edit", "caregiver", "post"),
    ("caregivers:caregiver_erase", "caregiver", "get"),
    ("caregivers:caregiver_erase", "caregiver", "post"),
    ("caregivers:recipient_detail", "recipient", "get"),
    ("caregivers:recipient_edit", "recipient", "get"),
    ("caregivers:recipient_edit", "recipient", "post"),
    ("caregivers:recipient_erase", "recipient", "get"),
    ("caregivers:recipient_erase", "recipient", "post"),
    ("caregivers:partner_detail", "partner", "get"),
    ("caregivers:partner_edit", "partner", "get"),
    ("caregivers:partner_edit", "partner", "post"),
    ("caregivers:request_import_confirm", "pending", "post"),
]
PAGES = [
    ("caregivers:request_list", "get"), ("caregivers:request_export", "get"),
    ("caregivers:intake", "get"), ("caregivers:intake", "post"),
    ("caregivers:request_import", "get"), ("caregivers:request_import", "post"),
    ("caregivers:partner_list", "get"), ("caregivers:partner_create", "get"),
    ("caregivers:partner_create", "post"),
]
POST_DATA = {"to_status": "withdrawn", "name": "Overgenomen", "reason": "x", "action": "import",
             "partner": "1", "consent_data": "on", "phone": "0611111111"}


def hit(client, name, method, obj=None):
    url = reverse(name, args=[obj.pk] if obj is not None else [])
    return getattr(client, method)(url, POST_DATA if method == "post" else {})


def unchanged(objects):
    request = HelpRequest.objects.get(pk=objects["request"].pk)
    caregiver = Caregiver.objects.get(pk=objects["caregiver"].pk)
    return (request.status == Status.NEW and caregiver.erased_at is None
            and caregiver.name == objects["caregiver"].name
            and Partner.objects.get(pk=objects["partner"].pk).name == "Partner Alfa"
            and not Referral.objects.exists() and PendingImport.objects.exists())


@pytest.mark.parametrize("name, key, method", OBJECT_PAGES)
def test_another_organisation_gets_404_on_every_object(coordinator_b_client, objects_a, name,
                                                       key, method):
    assert hit(coordinator_b_client, name, method, objects_a[key]).status_code == 404
    assert unchanged(objects_a)


def test_another_organisation_sees_none_of_it_in_lists_exports_and_search(
        coordinator_b_client, objects_a):
    secrets = ["GEHEIM-A", objects_a["caregiver"].name, "Partner Alfa"]
    for name, params in [("caregivers:request_list", {"status": "all"}),
                         ("caregivers:request_export", {"status": "all"}),
                         ("caregivers:partner_list", {"inactive": "1"}),
                         ("caregivers:intake", {"q": objects_a["caregiver"].name[:4]})]:
        content = coordinator_b_client.get(reverse(name), params).content.decode()
        for secret in secrets:
            assert secret not in content, (name, secret)
    # Nor can it pick A's caregiver at intake by number.
    page = coordinator_b_client.get(reverse("caregivers:intake"),
                                    {"caregiver": objects_a["caregiver"].pk}).content.decode()
    assert objects_a["caregiver"].name not in page


@pytest.mark.parametrize("name, key", [(n, k) for n, k, m in OBJECT_PAGES if m == "get"
                                       and n.endswith("_detail")])
def test_matchmakers_read_requests_people_and_partners(matchmaker_a_client, objects_a, name, key):
    assert hit(matchmaker_a_client, name, "get", objects_a[key]).status_code == 200


@pytest.mark.parametrize("name, key, method", [
    (n, k, m) for n, k, m in OBJECT_PAGES if not n.endswith("_detail")])
def test_matchmakers_cannot_change_refer_or_erase(matchmaker_a_client, objects_a, name, key,
                                                   method):
    assert hit(matchmaker_a_client, name, method, objects_a[key]).status_code == 403
    assert unchanged(objects_a)


@pytest.mark.parametrize("name, method", PAGES)
def test_matchmakers_cannot_run_intake_or_import(matchmaker_a_client, objects_a, name, method):
    allowed = {"caregivers:request_list", "caregivers:partner_list"}
    expected = 200 if name in allowed else 403
    assert hit(matchmaker_a_client, name, method).status_code == expected


@pytest.mark.parametrize("name, method", PAGES)
def test_volunteers_get_403_everywhere(volunteer_a_client, objects_a, name, method):
    assert hit(volunteer_a_client, name, method).status_code == 403


@pytest.mark.parametrize("name, key, method", OBJECT_PAGES)
def test_volunteers_get_403_on_objects(volunteer_a_client, objects_a, name, key, method):
    assert hit(volunteer_a_client, name, method, objects_a[key]).status_code == 403
    assert unchanged(objects_a)


@pytest.mark.parametrize("name, method", PAGES)
def test_visitors_are_sent_to_login(anonymous_client, db, name, method):
    response = hit(anonymous_client, name, method)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_admins_and_coordinators_may_do_everything(admin_a_client, coordinator_a_client,
                                                   objects_a):
    for client in (admin_a_client, coordinator_a_client):
        for name, key, method in OBJECT_PAGES:
            if method == "get":
                assert hit(client, name, method, objects_a[key]).status_code == 200, name


def test_the_navigation_shows_the_directory_to_coordinators_only(coordinator_a_client,
                                                                 matchmaker_a_client, objects_a):
    url = reverse("caregivers:request_list")
    assert "Sociale kaart" in coordinator_a_client.get(url).content.decode()
    assert "Sociale kaart" not in matchmaker_a_client.get(url).content.decode()
    assert "Nieuwe hulpvraag" not in matchmaker_a_client.get(url).content.decode()
