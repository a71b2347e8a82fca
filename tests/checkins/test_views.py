"""The pages: the history of a match for staff (another organisation gets a 404, a
volunteer a 403), an answer recorded after a phone call, and the volunteer's own
check-ins in Mijn Koppel, in their language."""

import pytest
import time_machine
from django.urls import reverse

from checkins.models import CheckIn
from checkins.services import checkins_plan, checkins_send_due_inline
from matchmaking.models import Task

from .conftest import START, at

pytestmark = pytest.mark.django_db
SENT = at(2026, 3, 17)


@pytest.fixture
def sent(match):
    checkins_plan(match=match, now=START)
    with time_machine.travel(SENT, tick=False):
        checkins_send_due_inline(now=SENT)
    return match


def test_matchmakers_and_coordinators_see_the_history(sent, matchmaker_a_client,
                                                      coordinator_a_client):
    for client in (matchmaker_a_client, coordinator_a_client):
        page = client.get(reverse("checkins:match", args=[sent.pk]))
        assert page.status_code == 200
        html = page.content.decode()
        assert html.count("<tr") == 7            # the header and six check-ins
        assert "verstuurd" in html and "gepland" in html


def test_another_organisation_gets_404_and_a_volunteer_403(sent, coordinator_b_client,
                                                          volunteer_a_client):
    url = reverse("checkins:match", args=[sent.pk])
    assert coordinator_b_client.get(url).status_code == 404
    assert volunteer_a_client.get(url).status_code == 403
    row = CheckIn.objects.get(party="caregiver", moment="d14")
    post = reverse("checkins:record_answer", args=[row.pk])
    assert coordinator_b_client.post(post, {f"c{row.pk}-answer": "goed"}).status_code == 404


def test_the_matchmaker_records_an_answer_after_a_phone_call(sent, matchmaker_a_client,
                                                             matchmaker_a):
    row = CheckIn.objects.get(party="caregiver", moment="d14")
    response = matchmaker_a_client.post(
        reverse("checkins:record_answer", args=[row.pk]),
        {f"c{row.pk}-answer": "niet_goed", f"c{row.pk}-comment": "Ze is ontevreden."})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.answer, row.answered_by_staff, row.flagged_at is not None) == \
        ("niet_goed", matchmaker_a, True)
    assert Task.objects.filter(kind="checkin_flagged", match=sent).exists()
    page = matchmaker_a_client.get(reverse("checkins:match", args=[sent.pk])).content.decode()
    assert "Ze is ontevreden." in page and "telefonisch" in page
    overview = matchmaker_a_client.get(reverse("checkins:overview")).content.decode()
    assert "Ze is ontevreden." in overview


def test_recording_without_an_answer_shows_the_form_again(sent, matchmaker_a_client):
    row = CheckIn.objects.get(party="caregiver", moment="d14")
    response = matchmaker_a_client.post(reverse("checkins:record_answer", args=[row.pk]),
                                        {f"c{row.pk}-comment": "gebeld"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een antwoord." in html and ">gebeld</textarea>" in html


def test_the_volunteer_answers_in_mijn_koppel(sent, volunteer_a_client):
    page = volunteer_a_client.get(reverse("checkins:mine"))
    assert page.status_code == 200
    row = CheckIn.objects.get(party="volunteer", moment="d14")
    assert row.match.request.reference in page.content.decode()
    response = volunteer_a_client.post(reverse("checkins:mine_answer", args=[row.pk]),
                                       {f"c{row.pk}-answer": "goed", f"c{row.pk}-comment": "Fijn!"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.answer == "goed" and row.answered_by_staff is None
    page = volunteer_a_client.get(reverse("checkins:mine")).content.decode()
    assert "Er staan geen vragen voor je klaar." in page and "Fijn!" in page


def test_a_volunteer_cannot_answer_for_someone_else(sent, volunteer_b_client):
    row = CheckIn.objects.get(party="volunteer", moment="d14")
    response = volunteer_b_client.post(reverse("checkins:mine_answer", args=[row.pk]),
                                       {f"c{row.pk}-answer": "goed"})
    assert response.status_code == 404


@pytest.mark.parametrize("language,heading", [("en", "How are things going?"),
                                              ("ar", "كيف تسير الأمور؟"),
                                              ("tr", "Nasıl gidiyor?"), ("uk", "Як справи?")])
def test_mijn_koppel_check_ins_speak_the_volunteers_language(sent, volunteer_a,
                                                             volunteer_a_client, language,
                                                             heading):
    volunteer_a.user.language = language
    volunteer_a.user.save()
    html = volunteer_a_client.get(reverse("checkins:mine")).content.decode()
    assert f"<h1 class=\"h2\">{heading}</h1>" in html


def test_the_answer_page_speaks_the_language_of_the_email(sent):
    from django.test import Client

    from checkins.services import answer_path, answer_token

    row = CheckIn.objects.get(party="caregiver", moment="d14")
    CheckIn.objects.filter(pk=row.pk).update(language="en")
    with time_machine.travel(SENT, tick=False):
        html = Client().get(answer_path(answer_token(row), "goed")).content.decode()
    assert "How are things going?" in html and "Send answer" in html


def test_a_coordinator_changes_the_schedule_for_new_matches(coordinator_a_client, org_a,
                                                           volunteer_a2):
    from .conftest import make_match

    url = reverse("checkins:settings")
    assert 'value="14, 91, 182"' in coordinator_a_client.get(url).content.decode()
    bad = coordinator_a_client.post(url, {"moments": "14, twee", "reminder_days": 5,
                                          "call_days": 5, "link_days": 21,
                                          "introduction_days": 14})
    assert bad.status_code == 400
    assert "Alleen hele getallen" in bad.content.decode()
    assert 'value="14, twee"' in bad.content.decode()
    done = coordinator_a_client.post(url, {"moments": "42; 14", "reminder_days": 3,
                                           "call_days": 2, "link_days": 10,
                                           "introduction_days": 21})
    assert done.status_code == 302
    match = make_match(org_a, volunteer_a2)
    checkins_plan(match=match, now=START)
    assert sorted(CheckIn.objects.filter(match=match).values_list("moment", flat=True)) == \
        ["d14", "d14", "d42", "d42"]


def test_matchmakers_do_not_change_the_schedule(matchmaker_a_client):
    assert matchmaker_a_client.get(reverse("checkins:settings")).status_code == 403


def test_the_match_page_links_to_its_check_ins(sent, matchmaker_a_client):
    page = matchmaker_a_client.get(reverse("matchmaking:match_detail", args=[sent.pk]))
    assert reverse("checkins:match", args=[sent.pk]) in page.content.decode()
