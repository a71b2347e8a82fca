"""The check-ins of a newcomer's match (issue 10): the working agreements' frequency drives
the schedule, and the supporter of a duo placement gets the check-ins of their weeks. Time
travels with now=."""

from datetime import date, timedelta

import pytest
from django.core import mail

from checkins import schedule
from checkins.models import CheckIn
from checkins.services import checkin_answer, checkins_plan, checkins_send_due_inline
from matchmaking.models import Match, Task
from placements import services as placements
from tests.factories import UserFactory, VolunteerFactory

from .conftest import START, at

pytestmark = pytest.mark.django_db


def moments(match, party="volunteer"):
    return sorted(int(c.moment[1:]) for c in CheckIn.objects.filter(match=match, party=party)
                  .exclude(status="cancelled"))


def agree(match, frequency, by=None):
    placements.agreement_save(match=match, values={"check_frequency": frequency,
                                                   "days_and_times": "di 10-12"}, by=by)


@pytest.fixture
def henk(org_a):
    return VolunteerFactory(organisation=org_a, user=UserFactory(email="henk@a.example"),
                            first_name="Henk", last_name="Bakker")


# --- the pure schedule ------------------------------------------------------------------------

def test_the_schedule_per_agreed_frequency():
    usual = [14, 91, 182]
    assert schedule.moments_for(usual, "") == [14, 91, 182]
    assert schedule.moments_for(usual, "usual") == [14, 91, 182]
    assert schedule.moments_for(usual, "biweekly") == [14, 28, 42, 56, 70, 84, 91, 182]
    assert schedule.moments_for(usual, "monthly") == [14, 30, 60, 91, 120, 150, 182]
    assert schedule.moments_for(usual, "workday") == [7, 14, 21, 28, 91, 182]
    # An organisation with its own moments keeps them.
    assert schedule.moments_for([21, 60], "biweekly") == [14, 21, 28, 42, 56, 60, 70, 84]


# --- planned when the match goes active -----------------------------------------------------

def test_a_two_weekly_agreement_plans_a_check_in_every_14_days_for_three_months(match):
    agree(match, "biweekly")
    checkins_plan(match=match, now=START)
    expected = [14, 28, 42, 56, 70, 84, 91, 182]
    assert moments(match, "volunteer") == moments(match, "caregiver") == expected
    assert CheckIn.objects.get(match=match, party="caregiver", moment="d28").due_at \
        == START + timedelta(days=28)


def test_the_biweekly_check_ins_go_out_every_two_weeks(match):
    agree(match, "biweekly")
    checkins_plan(match=match, now=START)
    sent = []
    for week in range(2, 15, 2):
        when = START + timedelta(days=7 * week, minutes=1)
        counts = checkins_send_due_inline(now=when)
        sent.append(counts["email"])
        for row in CheckIn.objects.filter(match=match, status="sent"):
            checkin_answer(checkin=row, answer="goed", now=when)
    # Weeks 2, 4, ... 12 each ask both sides; week 14 (day 98) holds the 3-month one (d91).
    assert sent == [2, 2, 2, 2, 2, 2, 2]
    match.refresh_from_db()
    assert match.durable_at is not None        # goed from both at 14 days and 3 months


def test_a_monthly_agreement_and_a_daily_one(match, org_a, volunteer_a2):
    agree(match, "monthly")
    checkins_plan(match=match, now=START)
    assert moments(match) == [14, 30, 60, 91, 120, 150, 182]
    from .conftest import make_match
    daily = make_match(org_a, volunteer_a2)
    agree(daily, "workday")
    checkins_plan(match=daily, now=START)
    assert moments(daily) == [7, 14, 21, 28, 91, 182]


def test_without_agreements_the_organisations_moments_apply(match):
    checkins_plan(match=match, now=START)
    assert moments(match) == [14, 91, 182]
    assert not CheckIn.objects.filter(party="supporter").exists()


def test_agreements_made_after_the_start_change_only_what_is_still_ahead(match):
    checkins_plan(match=match, now=START)
    later = START + timedelta(days=40)
    placements.agreement_save(match=match, values={"check_frequency": "biweekly"}, by=None,
                              now=later)
    assert moments(match) == [14, 42, 56, 70, 84, 91, 182]     # d28 lies before the change
    placements.agreement_save(match=match, values={"check_frequency": "usual"}, by=None,
                              now=START + timedelta(days=50))
    assert moments(match) == [14, 42, 91, 182]                  # d42 was already planned past


# --- the supporter of a duo placement ----------------------------------------------------------

def test_the_supporter_gets_the_check_ins_of_their_weeks_only(match, henk):
    agree(match, "biweekly")
    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 4, 13), by=None, now=START)   # six weeks
    checkins_plan(match=match, now=START)
    assert moments(match, "supporter") == [14, 28, 42]
    assert moments(match, "volunteer") == [14, 28, 42, 56, 70, 84, 91, 182]

    counts = checkins_send_due_inline(now=START + timedelta(days=14, minutes=1))
    assert counts["email"] == 3
    [to_henk] = [m for m in mail.outbox if m.to == ["henk@a.example"]]
    assert to_henk.subject == "Hoe gaat het met Sara?"
    assert "Je gaat in de eerste weken mee met Sara." in to_henk.body
    row = CheckIn.objects.get(match=match, party="supporter", moment="d14")
    assert row.status == "sent" and row.message_id == to_henk.extra_headers["Message-ID"]

    # The supporter's answer is on the match's history, and does not make it durable alone.
    checkin_answer(checkin=row, answer="goed", now=START + timedelta(days=15))
    assert CheckIn.objects.get(pk=row.pk).answer == "goed"

    # Weeks 4 and 6 ask all three; from week 8 on, the supporter's weeks are over.
    for day in (28, 42, 56):
        when = START + timedelta(days=day, minutes=1)
        for open_row in CheckIn.objects.filter(match=match, status="sent"):
            checkin_answer(checkin=open_row, answer="goed", now=when)
        mail.outbox.clear()
        checkins_send_due_inline(now=when)
        asked = {m.to[0] for m in mail.outbox}
        assert ("henk@a.example" in asked) == (day < 56), day
        assert {"jansen@example.nl", "vrijwilliger@a.example"} <= asked


def test_durable_needs_both_sides_not_the_supporter(match, henk):
    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 7, 1), by=None, now=START)
    checkins_plan(match=match, now=START)
    for day in (14, 91):
        checkins_send_due_inline(now=START + timedelta(days=day, minutes=1))
        for row in CheckIn.objects.filter(match=match, status="sent").exclude(party="caregiver"):
            checkin_answer(checkin=row, answer="goed", now=START + timedelta(days=day, hours=1))
    match.refresh_from_db()
    assert match.durable_at is None


def test_a_community_key_person_by_e_mail_or_by_a_call(match):
    placements.supporter_set(match=match, kind="community", name="Imam Yusuf",
                             email="yusuf@moskee.example", until=date(2026, 3, 20), by=None,
                             now=START)
    checkins_plan(match=match, now=START)
    checkins_send_due_inline(now=START + timedelta(days=14, minutes=1))
    [to_yusuf] = [m for m in mail.outbox if m.to == ["yusuf@moskee.example"]]
    assert "Hallo Imam Yusuf," in to_yusuf.body

    placements.supporter_set(match=match, kind="community", name="Imam Yusuf",
                             phone="06 11122233", until=date(2026, 3, 20), by=None, now=START)
    CheckIn.objects.filter(party="supporter").delete()
    checkins_plan(match=match, now=START)
    counts = checkins_send_due_inline(now=START + timedelta(days=14, minutes=2))
    assert counts["call"] == 1
    task = Task.objects.get(match=match, kind="other")
    assert task.title == "Bel de begeleider voor de check-in (na 14 dagen)"


def test_a_supporter_added_or_removed_later_changes_what_is_ahead(match, henk):
    checkins_plan(match=match, now=START)
    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 6, 30), by=None, now=START + timedelta(days=20))
    assert moments(match, "supporter") == [91]                   # d14 already lay behind
    placements.supporter_remove(match=match, by=None, now=START + timedelta(days=30))
    assert moments(match, "supporter") == []


def test_the_supporter_reads_the_e_mail_in_their_own_language(match, henk):
    henk.user.language = "ar"
    henk.user.save(update_fields=["language"])
    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 4, 1), by=None, now=START)
    checkins_plan(match=match, now=START)
    checkins_send_due_inline(now=START + timedelta(days=14, minutes=1))
    [to_henk] = [m for m in mail.outbox if m.to == ["henk@a.example"]]
    assert "Hoe gaat het" not in to_henk.subject and 'dir="rtl"' in to_henk.alternatives[0][0]


def test_match_status_is_untouched(match):
    assert match.status == Match.Status.ACTIVE and at(2026, 3, 2) == START


def test_an_erased_supporter_is_asked_nothing_more_and_their_words_go(match, henk):
    from volunteers.services import volunteer_erase

    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 7, 1), by=None, now=START)   # d14 and d91
    checkins_plan(match=match, now=START)
    checkins_send_due_inline(now=START + timedelta(days=14, minutes=1))
    row = CheckIn.objects.get(match=match, party="supporter", moment="d14")
    checkin_answer(checkin=row, answer="kan_beter", comment="Henk ziet dat ze moe is",
                   now=START + timedelta(days=15))
    volunteer_erase(volunteer=henk, now=START + timedelta(days=20))
    supporter_rows = CheckIn.objects.filter(match=match, party="supporter")
    assert set(supporter_rows.values_list("status", flat=True)) == {"answered", "cancelled"}
    assert set(supporter_rows.values_list("comment", flat=True)) == {""}
    assert CheckIn.objects.get(pk=row.pk).answer == "kan_beter"     # the figure stays
