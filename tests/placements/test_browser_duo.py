"""Issue 10, "done when", continued from tests/volunteers/test_browser_arabic.py: the
newcomer, matched in a duo with a supporter and a two-weekly expectation check, reads the
agreements in Arabic on a phone (375 px): right to left, axe-clean, no wider than the
screen. Screenshot: test-artifacts/newcomer-arabic-phone-duo.png (docs/ keeps a copy)."""

import re
from datetime import date

import pytest

from checkins.models import CheckIn
from checkins.services import checkins_plan
from matchmaking.models import Match
from placements import services as placements
from tests.factories import HelpRequestFactory, UserFactory, VolunteerFactory
from volunteers import services as volunteer_services

from ..browser_support import axe_violations, describe, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_reads_the_duo_and_agreements_in_arabic_on_a_phone(phone, org_a):
    layla = VolunteerFactory(organisation=org_a, first_name="Layla", last_name="Haddad",
                             user=UserFactory(email="layla@example.nl", language="ar"))
    volunteer_services.volunteer_set_newcomer(volunteer=layla, newcomer=True)
    henk = VolunteerFactory(organisation=org_a, first_name="Henk", last_name="Bakker",
                            user=UserFactory(email="henk@example.nl"))
    match = Match.objects.create(organisation=org_a, volunteer=layla, score=0.8,
                                 request=HelpRequestFactory(organisation=org_a),
                                 status=Match.Status.INTRODUCTION_PLANNED)
    placements.supporter_set(match=match, kind="volunteer", volunteer=henk,
                             until=date(2026, 12, 20), by=None)
    placements.agreement_save(match=match, by=None, values={
        "days_and_times": "الثلاثاء 10:00–12:00", "sick_leave": "اتصل بهنك قبل الساعة 9",
        "greeting": "لا مصافحة؛ إيماءة بالرأس", "reminders": True,
        "reminder_channel": "whatsapp", "check_frequency": "biweekly"})
    match.status, match.active_at = Match.Status.ACTIVE, match.proposed_at
    match.save(update_fields=["status", "active_at"])
    checkins_plan(match=match)
    assert CheckIn.objects.filter(match=match, party="volunteer").count() == 8
    assert CheckIn.objects.filter(match=match, party="supporter").exists()

    page = phone
    log_in(page, "layla@example.nl")
    page.goto("/mijn-koppel/")
    assert page.evaluate("document.documentElement.lang") == "ar"   # her language, remembered
    page.locator("main a[href='/mijn-koppel/duo-en-afspraken/']").click()
    page.wait_for_url(re.compile(r".*/mijn-koppel/duo-en-afspraken/$"))
    page.wait_for_load_state()
    screenshot(page, "newcomer-arabic-phone-duo")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "الثنائي واتفاقات العمل"
    text = page.locator("main").inner_text()
    assert "كل أسبوعين" in text and "اتصل بهنك قبل الساعة 9" in text
    assert "Henk Bakker" in text and "نعم، عبر واتساب" in text
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
