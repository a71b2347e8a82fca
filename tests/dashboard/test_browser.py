"""In a real browser: a coordinator signs in, reads the cards and charts, narrows them to
a neighbourhood (in place, with htmx) and picks up a flagged check-in in one click; both
dashboards pass axe (WCAG 2.1 A and AA) and fit a phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from checkins.models import CheckIn
from core.models import Postcode
from dashboard.services import top_suggestions_refresh
from dashboard.synthetic import Sizes, build
from matchmaking.models import Match, Task

from ..browser_support import axe_violations, describe, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(org_a, coordinator_a, matchmaker_a):
    Postcode.objects.bulk_create([
        Postcode(code="3511", latitude=52.0929, longitude=5.1145, name="Binnenstad"),
        Postcode(code="3531", latitude=52.0900, longitude=5.0900, name="Lombok"),
    ])
    build(organisation=org_a, sizes=Sizes(60, 40, 80), coordinator=coordinator_a, tag="w")
    top_suggestions_refresh(organisation=org_a)
    match = (Match.objects.filter(organisation=org_a, status="active", request__postcode="3531")
             .select_related("request").first())
    now = timezone.now()
    CheckIn.objects.filter(match=match).delete()
    CheckIn.objects.create(organisation=org_a, match=match, party="caregiver", moment="d14",
                           due_at=now - timedelta(days=10), status="answered",
                           answer="niet_goed", comment="Het klikt niet met mijn vader.",
                           answered_at=now, flagged_at=now)
    Task.objects.filter(kind="checkin_flagged").update(done_at=now)
    task = Task.objects.create(organisation=org_a, kind="checkin_flagged", match=match,
                               title="Check-in: mantelzorger antwoordt 'niet goed'",
                               assignee=matchmaker_a)
    return match, task


def test_a_coordinator_reads_filters_and_acts_on_a_flagged_checkin(page, coordinator_a, seeded):
    match, task = seeded
    log_in(page, coordinator_a.email, totp=True)
    page.goto("/dashboard/")
    assert page.get_by_role("heading", name=re.compile("Goedendag")).is_visible()
    assert page.get_by_text("Open hulpvragen", exact=True).is_visible()
    assert page.locator("figure.chart svg[role=img]").count() >= 5
    assert page.get_by_role("figure", name="Koppelingen gestart en beëindigd per maand").is_visible()
    assert page.get_by_role("img", name=re.compile("Koppelingen gestart")).count() == 1
    screenshot(page, "dashboard-home")

    everywhere = page.locator(".dashboard-card-number").first.inner_text()
    page.get_by_label("Wijk").select_option("Lombok")
    page.wait_for_url(re.compile(r".*wijk=Lombok.*"))     # htmx pushed the filter to the URL
    page.wait_for_function(
        "n => document.querySelector('.dashboard-card-number').textContent.trim() !== n",
        arg=everywhere.strip())
    in_lombok = int(page.locator(".dashboard-card-number").first.inner_text())
    assert in_lombok < int(everywhere)
    assert axe_violations(page) == [], describe(axe_violations(page))

    flagged = page.locator("#signalen li", has_text=match.request.reference)
    assert flagged.get_by_text("Het klikt niet met mijn vader.").is_visible()
    flagged.get_by_role("button", name=re.compile("Opgepakt")).click()
    page.wait_for_load_state()
    assert page.get_by_text("Taak afgerond.").is_visible()
    assert "wijk=Lombok" in page.url                      # back where they were
    assert page.locator("#signalen").get_by_text("Het klikt niet met mijn vader.").count() == 0
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == coordinator_a


def test_the_matchmaker_queue_passes_axe_and_fits_a_phone(page, phone, matchmaker_a, seeded):
    log_in(page, matchmaker_a.email, totp=True)
    page.goto("/dashboard/koppelen/")
    assert page.get_by_role("heading", name="Open hulpvragen").is_visible()
    assert axe_violations(page) == [], describe(axe_violations(page))
    log_in(phone, matchmaker_a.email, totp=True)
    for path in ("/dashboard/koppelen/", "/dashboard/"):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375 + 1
        assert axe_violations(phone) == [], describe(axe_violations(phone))
    screenshot(phone, "dashboard-phone")
