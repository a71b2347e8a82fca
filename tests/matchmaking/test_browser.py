"""A matchmaker in a real browser (Debian's chromium): the demo's ranked candidates with
bars and reasons, propose one, reject another with a reason; no WCAG 2.1 AA violations on
the review page, also at 375 px wide."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.demo import DEMO_PASSWORD
from core.models import User

from ..browser_support import axe_violations, describe, log_in, screenshot
from ..factories import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MATCHMAKER = "matchmaker@demo.koppel.nl"


@pytest.fixture
def demo_matchmaker(page):
    call_command("seed_demo", "--force", stdout=StringIO())
    activate_totp(User.objects.get(email=MATCHMAKER))
    log_in(page, MATCHMAKER, DEMO_PASSWORD, totp=True)
    return page


def test_a_matchmaker_proposes_one_candidate_and_rejects_another(demo_matchmaker):
    # One walk through the pages (the demo takes a while to seed).
    page = demo_matchmaker
    page.goto("/koppelen/alle-hulpvragen/")
    assert page.get_by_role("button", name="Voorstellen").count() > 10
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.goto("/koppelen/")
    assert axe_violations(page) == [], describe(axe_violations(page))
    first = page.locator("tbody tr").filter(has_not_text="voorstel loopt").first
    reference = first.locator("th a").inner_text()
    first.locator("th a").click()
    page.wait_for_selector("h1:has-text('Vrijwilliger zoeken voor')")

    cards = page.locator("article")
    assert cards.count() >= 2
    card = cards.nth(0)
    assert card.locator("[role=progressbar]").count() == 8
    assert card.get_by_text("Taal").first.is_visible()
    assert "%" in card.locator(".score-value").first.inner_text()
    assert card.locator("li .small").first.inner_text().strip()        # a reason
    proposed_name = card.locator("h3").inner_text().split(". ", 1)[1].strip()
    rejected_name = cards.nth(1).locator("h3").inner_text().split(". ", 1)[1].strip()
    screenshot(page, "matching-review")
    assert axe_violations(page) == [], describe(axe_violations(page))

    card.get_by_role("button", name="Voorstellen").click()
    page.wait_for_selector(f"text={proposed_name} is voorgesteld voor {reference}.")

    second = page.locator("article").filter(has_text=rejected_name).first
    second.locator("summary").click()
    second.get_by_role("radio", name="Afstand").check()
    second.get_by_label("Toelichting").fill("Woont te ver voor deze mevrouw.")
    second.get_by_role("button", name="Afwijzen met deze reden").click()
    page.wait_for_selector(f"text={rejected_name} is afgewezen voor {reference}")
    suggestions = page.locator("section[aria-labelledby=suggestions-heading]").inner_text()
    assert rejected_name not in suggestions

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "matching-review-phone")
    assert axe_violations(page) == [], describe(axe_violations(page))

    # Who was left out, and why: fetched with htmx into the page.
    page.get_by_role("link", name="Toon wie afvalt en waarom").click()
    page.wait_for_selector("#excluded-list table")
    assert "vallen af" in page.locator("#excluded-list").inner_text()
    assert axe_violations(page) == [], describe(axe_violations(page))

    # Both decisions are on the page (checked there, keeping the ORM out of Playwright's loop).
    page.reload()
    decided = page.locator("section[aria-labelledby=matches-heading]").inner_text()
    assert proposed_name in decided and "voorgesteld" in decided
    rejected = page.locator("section[aria-labelledby=rejections-heading]").inner_text()
    assert rejected_name in rejected and "afstand: Woont te ver voor deze mevrouw." in rejected
