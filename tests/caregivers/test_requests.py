"""The request list (filters, waiting time, export), the request page and its actions."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from caregivers.models import HelpRequest, HelpRequestLanguage
from caregivers.services import help_request_transition
from core.models import AuditEvent, Postcode
from core.vocabulary import LEVEL_ORDER

from ..factories import HelpRequestFactory

LIST = reverse("caregivers:request_list")
Status = HelpRequest.Status


def days_ago(n):
    return timezone.now() - timedelta(days=n, hours=1)


def refs(response) -> list[str]:
    """The references in the list, in the order shown."""
    page = response.content.decode()
    found, start = [], 0
    while (i := page.find('<th scope="row"><a href="/hulpvragen/', start)) != -1:
        j = page.index(">", page.index("<a", i)) + 1
        found.append(page[j:page.index("</a>", j)])
        start = j
    return found


@pytest.fixture
def requests_a(org_a):
    Postcode.objects.create(code="3531", latitude=52.09, longitude=5.10, name="Lombok")
    old = HelpRequestFactory(organisation=org_a, reference="A-OLD", received_at=days_ago(40),
                             activities=["walking"], postcode="3531 AB",
                             languages={"tr": "native", "nl": "A2"})
    mid = HelpRequestFactory(organisation=org_a, reference="A-MID", received_at=days_ago(10),
                             activities=["groceries"], status=Status.NEW, urgency="high")
    new = HelpRequestFactory(organisation=org_a, reference="A-NEW", received_at=days_ago(1),
                             activities=["walking", "groceries"], status=Status.INTAKE_DONE)
    closed = HelpRequestFactory(organisation=org_a, reference="A-CLOSED",
                                received_at=days_ago(90), status=Status.CLOSED)
    return old, mid, new, closed


def test_open_requests_sorted_by_waiting_time_longest_first(coordinator_a_client, requests_a):
    response = coordinator_a_client.get(LIST)
    assert refs(response) == ["A-OLD", "A-MID", "A-NEW"]
    page = response.content.decode()
    assert "40 dagen" in page and "10 dagen" in page and "1 dag" in page
    assert "Lombok" in page


@pytest.mark.parametrize("params, expected", [
    ({"status": "all"}, ["A-OLD", "A-MID", "A-NEW", "A-CLOSED"]),
    ({"status": "closed"}, ["A-CLOSED"]),
    ({"status": "new"}, ["A-MID"]),
    ({"waiting": "28"}, ["A-OLD"]),
    ({"waiting": "7"}, ["A-OLD", "A-MID"]),
    ({"activity": "walking"}, ["A-OLD", "A-NEW"]),
    ({"language": "tr"}, ["A-OLD"]),
    ({"area": "3531"}, ["A-OLD"]),
    ({"area": "lombok"}, ["A-OLD"]),
    ({"q": "a-mi"}, ["A-MID"]),
    ({"sort": "newest"}, ["A-NEW", "A-MID", "A-OLD"]),
    ({"sort": "urgency"}, ["A-MID", "A-OLD", "A-NEW"]),
    ({"status": "bogus", "waiting": "x", "activity": "karate", "sort": "drop table"},
     ["A-OLD", "A-MID", "A-NEW"]),
])
def test_filters(coordinator_a_client, requests_a, params, expected):
    assert refs(coordinator_a_client.get(LIST, params)) == expected


def test_search_by_caregiver_name(coordinator_a_client, requests_a):
    old = requests_a[0]
    assert refs(coordinator_a_client.get(LIST, {"q": old.caregiver.name})) == ["A-OLD"]


def test_pagination_keeps_the_filters(coordinator_a_client, org_a):
    for i in range(30):
        HelpRequestFactory(organisation=org_a, reference=f"P-{i:02d}", received_at=days_ago(60 - i),
                           activities=["walking"])
    first = coordinator_a_client.get(LIST, {"activity": "walking"})
    assert refs(first)[:2] == ["P-00", "P-01"] and len(refs(first)) == 25
    assert "activity=walking&amp;page=2" in first.content.decode()
    second = coordinator_a_client.get(LIST, {"activity": "walking", "page": 2})
    assert refs(second) == [f"P-{i}" for i in range(25, 30)]
    assert coordinator_a_client.get(LIST, {"page": "999"}).status_code == 200


def test_export_is_the_import_format_for_the_filtered_list(coordinator_a_client, coordinator_a,
                                                           requests_a):
    response = coordinator_a_client.get(reverse("caregivers:request_export"),
                                        {"activity": "walking"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [row["reference"] for row in rows] == ["A-OLD", "A-NEW"]
    from caregivers.imports import COLUMNS

    assert list(rows[0]) == COLUMNS
    assert rows[0]["languages"] == "nl:A2|tr:native" or rows[0]["languages"] == "tr:native|nl:A2"
    assert rows[0]["slots"] == "tue:afternoon"
    assert AuditEvent.objects.filter(action="export", actor=coordinator_a).exists()


def test_export_neutralises_formulas(coordinator_a_client, org_a):
    HelpRequestFactory(organisation=org_a, reference="F-1", description="=HYPERLINK(\"x\")")
    text = coordinator_a_client.get(reverse("caregivers:request_export")).content.decode()
    assert "'=HYPERLINK" in text


# --- the request page ----------------------------------------------------------------------


@pytest.fixture
def walked(org_a, coordinator_a):
    request = HelpRequestFactory(organisation=org_a, reference="REQ-0007", status=Status.NEW,
                                 received_at=days_ago(12), description="Graag wandelen")
    help_request_transition(request=request, to_status=Status.INTAKE_DONE, by=coordinator_a,
                            note="Gebeld met dochter")
    return request


def detail(request):
    return reverse("caregivers:request_detail", args=[request.pk])


def test_the_page_shows_everything_with_history_and_waiting_time(coordinator_a_client, walked,
                                                                 coordinator_a):
    response = coordinator_a_client.get(detail(walked))
    page = response.content.decode()
    assert "REQ-0007" in page and "Graag wandelen" in page
    assert "wacht 12 dagen" in page
    assert "Gebeld met dochter" in page and escape(str(coordinator_a)) in page
    assert escape(walked.caregiver.name) in page and walked.caregiver.phone in page
    assert "Vrijwilliger zoeken" in page  # the next step for a coordinator
    assert AuditEvent.objects.filter(action="view", subject_type="caregiver",
                                     subject_id=walked.caregiver.pk).exists()


def test_matchmakers_read_but_get_no_buttons(matchmaker_a_client, walked):
    page = matchmaker_a_client.get(detail(walked)).content.decode()
    assert "REQ-0007" in page
    assert "Vrijwilliger zoeken" not in page and "Doorverwijzen" not in page


def test_the_matching_link_appears_once_the_review_page_exists(coordinator_a_client, walked):
    page = coordinator_a_client.get(detail(walked)).content.decode()
    try:
        review = reverse("matchmaking:review", args=[walked.pk])
    except NoReverseMatch:  # the matchmaking app has not landed (yet): no dead link
        assert "Naar koppelen" not in page
    else:
        assert f'href="{review}"' in page
    with override_settings(ROOT_URLCONF="tests.caregivers.urls_with_review"):
        page = coordinator_a_client.get(detail(walked)).content.decode()
        review = reverse("matchmaking:review", args=[walked.pk])
    assert f'href="{review}"' in page


def test_a_coordinator_moves_the_request_on(coordinator_a_client, walked, coordinator_a):
    url = reverse("caregivers:request_transition", args=[walked.pk])
    response = coordinator_a_client.post(url, {"to_status": "matching"}, follow=True)
    walked.refresh_from_db()
    assert walked.status == Status.MATCHING
    assert "zoekt vrijwilliger" in response.content.decode()
    coordinator_a_client.post(url, {"to_status": "withdrawn", "note": "Heeft al hulp"})
    walked.refresh_from_db()
    last = walked.transitions.last()
    assert walked.status == Status.WITHDRAWN and last.note == "Heeft al hulp"
    assert last.by == coordinator_a
    assert "wacht" not in coordinator_a_client.get(detail(walked)).content.decode().split(
        "lead")[1][:200]  # a settled request has no waiting time


@pytest.mark.parametrize("to_status", ["closed", "matched", "referred", "nonsense", ""])
def test_an_invalid_step_is_a_message_not_a_change(coordinator_a_client, walked, to_status):
    url = reverse("caregivers:request_transition", args=[walked.pk])
    response = coordinator_a_client.post(url, {"to_status": to_status}, follow=True)
    assert response.status_code == 200
    assert 'alert-danger' in response.content.decode()
    walked.refresh_from_db()
    assert walked.status == Status.INTAKE_DONE


def test_transitions_need_post(coordinator_a_client, walked):
    url = reverse("caregivers:request_transition", args=[walked.pk])
    assert coordinator_a_client.get(url, {"to_status": "matching"}).status_code == 405


def test_editing_a_request(coordinator_a_client, walked, coordinator_a):
    url = reverse("caregivers:request_edit", args=[walked.pk])
    form = coordinator_a_client.get(url).content.decode()
    assert 'value="REQ-0007"' in form and "Graag wandelen" in form
    data = {
        "rq-activities": ["walking", "outings"], "rq-slots": ["fri:morning"],
        "rq-postcode": "3511 AB", "rq-culture_preference": "open",
        "rq-gender_preference": "male", "rq-urgency": "high", "rq-source": "gp",
        "rq-reference": "REQ-0007", "rq-description": "Wandelen en musea",
        "rq-languages_0_language": "Nederlands", "rq-languages_0_level": "native",
        "rq-received_on": timezone.localdate(walked.received_at).isoformat(),
    }
    response = coordinator_a_client.post(url, data)
    assert response.status_code == 302
    walked.refresh_from_db()
    assert walked.activities == ["walking", "outings"] and walked.slots == ["fri:morning"]
    assert walked.gender_preference == "male" and walked.description == "Wandelen en musea"
    assert walked.received_at == walked.transitions.first().request.received_at
    assert (timezone.now() - walked.received_at).days == 12  # waiting time kept
    event = AuditEvent.objects.get(action="update", subject_type="helprequest")
    assert {"activities", "slots", "description"} <= set(event.fields)
    bad = coordinator_a_client.post(url, {**data, "rq-slots": [], "rq-reference": ""})
    assert bad.status_code == 400 and "Wandelen en musea" in bad.content.decode()


def test_withdrawing_background_consent_on_a_request_erases_it(coordinator_a_client, org_a):
    request = HelpRequestFactory(organisation=org_a, background="Somalisch",
                                 background_consent_at=timezone.now())
    url = reverse("caregivers:request_edit", args=[request.pk])
    data = {
        "rq-activities": ["companionship"], "rq-slots": ["tue:afternoon"],
        "rq-postcode": "3511 AB", "rq-culture_preference": "open",
        "rq-gender_preference": "any", "rq-urgency": "normal", "rq-source": "self",
        "rq-reference": request.reference, "rq-background": "",
        "rq-languages_0_language": "nl", "rq-languages_0_level": "native",
    }
    assert coordinator_a_client.post(url, data).status_code == 302
    request.refresh_from_db()
    assert request.background == "" and request.background_consent_at is None


def test_languages_from_the_factory_are_shown_by_name(coordinator_a_client, org_a):
    request = HelpRequestFactory(organisation=org_a, languages={"rif": "native"})
    HelpRequestLanguage.objects.filter(request=request).update(level=LEVEL_ORDER["native"])
    page = coordinator_a_client.get(detail(request)).content.decode()
    assert "Riffijns" in page
