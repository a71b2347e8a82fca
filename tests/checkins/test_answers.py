"""Answering: the links in the e-mail (valid, used, expired, tampered), "niet goed" flags
the match, "goed" from both sides at 14 days and 3 months makes it durable, and the
volunteer's timeline hears about it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from checkins.models import CheckIn
from checkins.services import checkin_answer, checkins_plan, checkins_send_due_inline
from journey.models import TimelineEvent
from matchmaking.models import Match

from .conftest import START, at

pytestmark = pytest.mark.django_db
SENT = at(2026, 3, 17)


@pytest.fixture
def sent(match):
    checkins_plan(match=match, now=START)
    with time_machine.travel(SENT, tick=False):
        checkins_send_due_inline(now=SENT)
    return match


def links_to(address):
    message = next(m for m in mail.outbox if m.to == [address])
    return re.findall(r"http://\S+/check-in/\S+", message.body)


def path(url):
    return url.split("8000", 1)[1]


def test_a_link_opens_the_page_with_the_answer_chosen_and_a_post_records_it(sent):
    good, better, bad = links_to("jansen@example.nl")
    assert good.endswith("?antwoord=goed") and bad.endswith("?antwoord=niet_goed")
    client = Client()
    with time_machine.travel(SENT + timedelta(days=1), tick=False):
        page = client.get(path(better))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'value="kan_beter" id="id_answer_1" checked' in html
        # Opening the link (a mail scanner does too) records nothing.
        assert CheckIn.objects.filter(status="answered").count() == 0
        done = client.post(path(better).split("?")[0],
                           {"answer": "kan_beter", "comment": "Hij komt vaak te laat."})
    assert done.status_code == 200
    assert "Dank u wel" in done.content.decode()
    row = CheckIn.objects.get(party="caregiver", moment="d14")
    assert (row.status, row.answer, row.comment) == ("answered", "kan_beter",
                                                      "Hij komt vaak te laat.")


def test_a_used_link_says_so(sent):
    good = links_to("jansen@example.nl")[0]
    client = Client()
    with time_machine.travel(SENT + timedelta(days=1), tick=False):
        client.post(path(good).split("?")[0], {"answer": "goed"})
        again = client.post(path(good).split("?")[0], {"answer": "niet_goed"})
        assert again.status_code == 200
        assert "al beantwoord" in again.content.decode()
    assert CheckIn.objects.get(party="caregiver", moment="d14").answer == "goed"


def test_an_expired_link_says_so(sent):
    good = links_to("jansen@example.nl")[0]
    with time_machine.travel(SENT + timedelta(days=22), tick=False):
        page = Client().get(path(good))
    assert page.status_code == 410
    assert "verlopen" in page.content.decode()


@pytest.mark.parametrize("mangle", [
    lambda p: p.replace("/check-in/", "/check-in/x"),
    lambda p: p[:-12] + "AAAA" + p[-8:],
    lambda p: "/check-in/999:1vQ:abc/",
    lambda p: "/check-in/%00/",
])
def test_a_tampered_link_gets_a_clear_page(sent, mangle):
    good = path(links_to("jansen@example.nl")[0]).split("?")[0]
    for method in ("get", "post"):
        page = getattr(Client(), method)(mangle(good))
        assert page.status_code in (400, 404)
        if page.status_code == 400:
            assert "klopt niet" in page.content.decode()


def test_an_empty_post_shows_the_form_again_with_an_error(sent):
    good = path(links_to("jansen@example.nl")[0]).split("?")[0]
    with time_machine.travel(SENT, tick=False):
        page = Client().post(good, {"comment": "iets"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kies een antwoord." in html and ">iets</textarea>" in html


def test_niet_goed_flags_the_checkin_at_once(sent):
    row = CheckIn.objects.get(party="volunteer", moment="d14")
    checkin_answer(checkin=row, answer="niet_goed", comment="Het klikt niet.",
                   now=SENT + timedelta(days=1))
    row.refresh_from_db()
    assert row.flagged_at == SENT + timedelta(days=1)


def test_goed_from_both_sides_at_14_days_and_3_months_makes_the_match_durable(sent):
    for party in ("volunteer", "caregiver"):
        checkin_answer(checkin=CheckIn.objects.get(party=party, moment="d14"), answer="goed",
                       now=SENT + timedelta(days=1))
    sent.refresh_from_db()
    assert sent.durable_at is None     # not yet: three months to go
    three_months = START + timedelta(days=91, hours=1)
    with time_machine.travel(three_months, tick=False):
        checkins_send_due_inline(now=three_months)
    checkin_answer(checkin=CheckIn.objects.get(party="volunteer", moment="d91"), answer="goed",
                   now=three_months)
    checkin_answer(checkin=CheckIn.objects.get(party="caregiver", moment="d91"),
                   answer="kan_beter", now=three_months)
    sent.refresh_from_db()
    assert sent.durable_at is None     # "kan beter" is not "goed"


def test_durable_when_all_four_say_goed(sent):
    three_months = START + timedelta(days=91, hours=1)
    checkins_send_due_inline(now=three_months)
    for row in CheckIn.objects.filter(moment__in=["d14", "d91"]):
        checkin_answer(checkin=row, answer="goed", now=three_months)
    sent.refresh_from_db()
    assert sent.durable_at == three_months
    assert sent.status == Match.Status.ACTIVE


def test_answers_appear_on_the_volunteers_timeline(sent, volunteer_a):
    checkin_answer(checkin=CheckIn.objects.get(party="caregiver", moment="d14"),
                   answer="kan_beter", now=SENT)
    event = TimelineEvent.objects.get(kind="check_in")
    assert event.journey.volunteer == volunteer_a
    assert "kan beter" in event.note.lower() and "mantelzorger" in event.note


def test_niet_goed_makes_a_task_for_the_matchmaker(sent, matchmaker_a):
    from matchmaking.models import Task

    checkin_answer(checkin=CheckIn.objects.get(party="caregiver", moment="d14"),
                   answer="niet_goed", now=SENT)
    task = Task.objects.get()
    assert (task.kind, task.match, task.assignee) == ("checkin_flagged", sent, matchmaker_a)


def test_erasing_the_caregiver_removes_their_words_and_stops_the_questions(sent, coordinator_a):
    from caregivers.services import caregiver_erase

    caregiver = sent.request.caregiver
    checkin_answer(checkin=CheckIn.objects.get(party="caregiver", moment="d14"),
                   answer="kan_beter", comment="Mevrouw Jansen vindt hem te laat.", now=SENT)
    checkin_answer(checkin=CheckIn.objects.get(party="volunteer", moment="d14"),
                   answer="goed", comment="Mevrouw Jansen is aardig.", now=SENT)
    caregiver_erase(caregiver=caregiver, by=coordinator_a)
    rows = {(c.party, c.moment): c for c in CheckIn.objects.all()}
    assert rows["caregiver", "d14"].answer == "kan_beter"
    assert rows["caregiver", "d14"].comment == "" and rows["volunteer", "d14"].comment == ""
    assert rows["caregiver", "d91"].status == "cancelled"
    assert rows["volunteer", "d91"].status == "planned"
