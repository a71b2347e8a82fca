"""The lifecycle's pages: Mijn Koppel proposals, the caregiver's link page, the staff match
page with its steps, the task list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from matchmaking import lifecycle_services as lifecycle
from matchmaking.links import caregiver_token
from matchmaking.models import Match, Task
from tests.conftest import login

from .lifecycle_helpers import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(proposal):
    match = proposal()
    request = match.request
    request.recipient.name, request.recipient.postcode = "Mevrouw Jansen", "3511 AB"
    request.recipient.save()
    request.caregiver.name, request.caregiver.consent_share_contact_at = "Els Jansen", timezone.now()
    request.caregiver.save()
    return match


def text(response) -> str:
    return response.content.decode()


def test_the_volunteer_sees_what_the_help_is_but_no_names_before_both_said_yes(match):
    client = login(match.volunteer.user)
    listing = text(client.get(reverse("matchmaking:my_matches")))
    assert "Voorstellen voor jou" in listing and "wacht op je antwoord" in listing
    page = text(client.get(reverse("matchmaking:my_match", args=[match.pk])))
    assert "Wil je iemand helpen?" in page and "Ja, ik wil helpen" in page
    assert "3511" in page and "3511 AB" not in page     # the neighbourhood, not the address
    assert "Jansen" not in page
    assert "Namen en adres hoor je als jullie allebei ja hebben gezegd." in page


def test_the_volunteer_says_yes_in_mijn_koppel(match, django_capture_on_commit_callbacks):
    client = login(match.volunteer.user)
    url = reverse("matchmaking:my_match_answer", args=[match.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "yes"}, follow=True)
    assert "We vragen nu of het gezin het ook ziet zitten" in text(response)
    assert "je zei ja; we vragen het gezin" in text(response)
    match.refresh_from_db()
    assert match.status == "volunteer_accepted"
    assert mail.outbox[-1].to == [match.request.caregiver.email]
    again = client.post(url, {"answer": "yes"}, follow=True)
    assert "Je hebt dit voorstel al beantwoord." in text(again)


def test_a_no_needs_a_reason_and_keeps_what_was_typed(match):
    client = login(match.volunteer.user)
    url = reverse("matchmaking:my_match_answer", args=[match.pk])
    response = client.post(url, {"answer": "no", "text": "Net verhuisd"})
    assert response.status_code == 400
    assert "Kies een reden." in text(response) and "Net verhuisd" in text(response)
    client.post(url, {"answer": "no", "reason": "distance", "text": "Net verhuisd"})
    match.refresh_from_db()
    assert (match.status, match.declined_by_party) == ("declined", "volunteer")
    assert match.rejections.get().reason == "distance"


def test_another_volunteer_cannot_see_or_answer_the_proposal(match, volunteer_a):
    client = login(volunteer_a.user)
    assert client.get(reverse("matchmaking:my_match", args=[match.pk])).status_code == 404
    response = client.post(reverse("matchmaking:my_match_answer", args=[match.pk]),
                           {"answer": "yes"})
    assert response.status_code == 404
    assert Match.objects.get(pk=match.pk).status == "proposed"


def test_the_proposal_page_speaks_arabic_right_to_left(match):
    client = login(match.volunteer.user)
    client.cookies["django_language"] = "ar"
    page = text(client.get(reverse("matchmaking:my_match", args=[match.pk])))
    assert 'dir="rtl"' in page and "نعم، أريد المساعدة" in page


def asked(match, capture):
    with capture(execute=True):
        lifecycle.match_volunteer_answer(match=match, accept=True, by=match.volunteer.user)
    return link_in(mail.outbox[-1])


def test_the_caregiver_answers_through_the_link_once(match, django_capture_on_commit_callbacks,
                                                    anonymous_client):
    url = asked(match, django_capture_on_commit_callbacks)
    page = anonymous_client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "wil graag helpen" in text(page) and "Ja, graag" in text(page)
    match.refresh_from_db()
    assert match.status == "volunteer_accepted"     # a GET (a mail scanner) answers nothing
    done = anonymous_client.post(url, {"answer": "yes", "text": "Liefst op dinsdag"})
    assert "We nemen contact met u op om de kennismaking te plannen." in text(done)
    match.refresh_from_db()
    assert match.status == "caregiver_accepted"
    assert match.transitions.last().note == ("Antwoord van de mantelzorger via de link. "
                                             "Liefst op dinsdag")
    for again in (anonymous_client.get(url), anonymous_client.post(url, {"answer": "no"})):
        assert again.status_code == 200
        assert "U heeft deze vraag al beantwoord." in text(again)
    assert Match.objects.get(pk=match.pk).status == "caregiver_accepted"


def test_a_tampered_or_expired_link_says_so_and_never_fails(match, anonymous_client,
                                                           django_capture_on_commit_callbacks):
    url = asked(match, django_capture_on_commit_callbacks)
    tampered = anonymous_client.get(url[:-5] + "abcd/")
    assert tampered.status_code == 404 and "Deze link klopt niet" in text(tampered)
    assert anonymous_client.post(url[:-5] + "abcd/", {"answer": "yes"}).status_code == 404
    assert anonymous_client.get("/koppeling/antwoord/%3Cscript%3E/").status_code == 404
    old = caregiver_token(match, now=timezone.now() - timedelta(days=15))
    expired_url = reverse("matchmaking:caregiver_answer", args=[old])
    for response in (anonymous_client.get(expired_url),
                     anonymous_client.post(expired_url, {"answer": "yes"})):
        assert response.status_code == 200
        assert "Deze link werkt niet meer: hij is verlopen." in text(response)
    assert Match.objects.get(pk=match.pk).status == "volunteer_accepted"


def test_the_link_page_speaks_the_caregivers_language(proposal, anonymous_client,
                                                      django_capture_on_commit_callbacks):
    match = proposal(caregiver_language="en", email="ali@example.nl")
    url = asked(match, django_capture_on_commit_callbacks)
    page = text(anonymous_client.get(url))
    assert "would like to help" in page and "Yes, please" in page
    anonymous_client.cookies["django_language"] = "tr"
    assert "Evet, lütfen" in text(anonymous_client.get(url))


def test_the_matchmaker_takes_the_match_from_the_caregivers_call_to_active(
        match, matchmaker_a_client, matchmaker_a, django_capture_on_commit_callbacks):
    caregiver = match.request.caregiver
    caregiver.contact_channel = "phone"
    caregiver.save()
    lifecycle.match_volunteer_answer(match=match, accept=True, by=match.volunteer.user)
    detail = reverse("matchmaking:match_detail", args=[match.pk])
    page = text(matchmaker_a_client.get(detail))
    assert "Antwoord van de mantelzorger vastleggen" in page and "belt liever" in page
    assert "Bel de mantelzorger van" in page       # the call task, on the match
    response = matchmaker_a_client.post(
        reverse("matchmaking:match_answer", args=[match.pk]),
        {"party": "caregiver", "answer": "yes", "text": "Gebeld"}, follow=True)
    assert "Het antwoord is vastgelegd." in text(response)
    page = text(response)
    assert "Kennismaking plannen" in page and "Thuis bij Mevrouw Jansen, 3511 AB" in page
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = matchmaker_a_client.post(
            reverse("matchmaking:match_plan", args=[match.pk]),
            {"date": day, "time": "14:30", "place": "Thuis bij Mevrouw Jansen, 3511 AB"},
            follow=True)
    assert "De kennismaking is gepland." in text(response)
    [invitation] = [m for m in mail.outbox if m.attachments]
    assert invitation.to == [match.volunteer.user.email]
    volunteer = login(match.volunteer.user)
    mine = text(volunteer.get(reverse("matchmaking:my_match", args=[match.pk])))
    assert "Mevrouw Jansen" in mine and "Els Jansen" in mine and caregiver.phone in mine
    ics = volunteer.get(reverse("matchmaking:my_match_ics", args=[match.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"LOCATION:Thuis bij Mevrouw Jansen\\, 3511 AB" in ics.content
    response = matchmaker_a_client.post(reverse("matchmaking:match_activate", args=[match.pk]),
                                        follow=True)
    assert "De koppeling is gestart." in text(response)
    page = text(response)
    for status in ("Voorgesteld", "Vrijwilliger akkoord", "Beide akkoord", "Kennismaking gepland",
                   "Actief"):
        assert status in page
    assert escape(str(matchmaker_a)) in page
    response = matchmaker_a_client.post(reverse("matchmaking:match_end", args=[match.pk]),
                                        {"reason": "other"})
    assert response.status_code == 400 and "Licht de reden" in text(response)
    matchmaker_a_client.post(reverse("matchmaking:match_end", args=[match.pk]),
                             {"reason": "help_done", "text": "Klaar"})
    assert Match.objects.get(pk=match.pk).status == "ended"


def test_the_match_page_speaks_english_for_staff(match, matchmaker_a_client):
    matchmaker_a_client.cookies["django_language"] = "en"
    page = text(matchmaker_a_client.get(reverse("matchmaking:match_detail", args=[match.pk])))
    assert "Record the volunteer's answer" in page and "History" in page


def test_the_task_list_shows_overdue_first_and_completes(match, matchmaker_a_client, org_a):
    now = timezone.now()
    lifecycle.task_create(organisation=org_a, kind=Task.Kind.OTHER, title="Later bellen",
                          due_at=now + timedelta(days=3), match=match, now=now)
    lifecycle.task_create(organisation=org_a, kind=Task.Kind.PROPOSAL_NO_ANSWER,
                          title="Geen antwoord van Sara", due_at=now - timedelta(days=1),
                          match=match, now=now)
    page = text(matchmaker_a_client.get(reverse("matchmaking:tasks")))
    assert page.index("Geen antwoord van Sara") < page.index("Later bellen")
    assert "te laat" in page
    task = Task.objects.get(kind="other")
    matchmaker_a_client.post(reverse("matchmaking:task_done", args=[task.pk]), {"note": "Gebeld"})
    task.refresh_from_db()
    assert task.done_note == "Gebeld" and task.done_at is not None
    assert "Later bellen" not in text(matchmaker_a_client.get(reverse("matchmaking:tasks")))


def test_an_admin_sets_the_deadlines(admin_a, org_a):
    client = login(admin_a)
    url = reverse("matchmaking:match_settings")
    page = text(client.get(url))
    assert 'value="5"' in page and 'value="14"' in page       # the defaults
    response = client.post(url, {"proposal_answer_days": "0", "proposal_escalate_days": "2",
                                 "caregiver_link_days": "14"})
    assert response.status_code == 400 and 'value="0"' in text(response)
    client.post(url, {"proposal_answer_days": "3", "proposal_escalate_days": "1",
                      "caregiver_link_days": "21"})
    saved = org_a.match_settings
    assert (saved.proposal_answer_days, saved.proposal_escalate_days,
            saved.caregiver_link_days) == (3, 1, 21)
