"""A matchmaker in a real browser (Debian's chromium): the demo's ranked candidates with
bars and reasons, propose one, reject another with a reason; no serious accessibility
problems on the review page, also at 375 px wide."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from core.demo import DEMO_PASSWORD
from matchmaking.models import Match, Rejection

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    if not shutil.which(CHROMIUM):
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM queries
    # are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    call_command("seed_demo", "--force", stdout=StringIO())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(locale="nl-NL").new_page()
        page.goto(live_server.url + "/account/login/")
        page.fill("input[name=login]", "matchmaker@demo.koppel.nl")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.press("input[name=password]", "Enter")
        page.wait_for_url(lambda url: "/account/login/" not in url)
        yield page
        browser.close()


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_a_matchmaker_proposes_one_candidate_and_rejects_another(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/koppelen/")
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
    assert serious_violations(page) == []

    card.get_by_role("button", name="Voorstellen").click()
    page.wait_for_selector(f"text={proposed_name} is voorgesteld voor {reference}.")

    second = page.locator("article").filter(has_text=rejected_name).first
    second.locator("summary").click()
    second.get_by_role("radio", name="Afstand").check()
    second.get_by_label("Toelichting").fill("Woont te ver voor deze mevrouw.")
    second.get_by_role("button", name="Afwijzen met deze reden").click()
    page.wait_for_selector(f"text={rejected_name} is afgewezen voor {reference}")

    match = Match.objects.get(request__reference=reference, status="proposed")
    assert str(match.volunteer) == proposed_name
    rejection = Rejection.objects.get(request__reference=reference, reason="distance")
    assert str(rejection.volunteer) == rejected_name
    suggestions = page.locator("section[aria-labelledby=suggestions-heading]").inner_text()
    assert rejected_name not in suggestions

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []


def test_who_is_excluded_appears_on_demand(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/koppelen/")
    page.locator("tbody tr th a").first.click()
    page.get_by_role("link", name="Toon wie afvalt en waarom").click()
    page.wait_for_selector("#excluded-list table")
    assert "vallen af" in page.locator("#excluded-list").inner_text()
