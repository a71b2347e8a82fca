"""A new volunteer signs up in a real browser (Debian's chromium), on a phone-sized screen:
every page of the way passes axe's WCAG checks, fits 375 px and works without errors in the
console; the coordinator then finds the volunteer by language and slot."""

import re

import pytest
from django.core import mail

from core.models import Role
from volunteers.models import Volunteer

from ..browser_support import log_in
from ..factories import MembershipFactory, UserFactory
from .helpers import load_postcodes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(chromium):
    return chromium


class Checker:
    def __init__(self, page):
        from axe_playwright_python.sync_playwright import Axe

        self.page, self.axe, self.console = page, Axe(), []
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)

    def __call__(self, name):
        violations = [(v["id"], [n["target"] for n in v["nodes"]])
                      for v in self.axe.run(self.page).response["violations"]]
        assert violations == [], (name, violations)
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (name, "wider than the screen", width)
        assert self.console == [], (name, self.console)


def submit(page):
    page.click("main form button.btn-primary")
    page.wait_for_load_state()


def test_sign_up_in_the_browser_and_be_found(browser, live_server, org_a):
    load_postcodes()
    page = browser.new_page(viewport={"width": 375, "height": 800}, locale="nl-NL")
    check = Checker(page)
    page.goto(live_server.url + "/vrijwilliger-worden/")
    check("welcome")
    page.click("text=Ik meld me aan")
    page.fill("input[name=email]", "browser@example.nl")
    page.fill("input[name=password1]", "een-lang-wachtwoord")
    page.fill("input[name=password2]", "een-lang-wachtwoord")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    link = next(x for x in re.findall(r"https?://\S+", mail.outbox[-1].body) if "confirm" in x)
    page.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/aanmelden/about/")

    submit(page)  # nothing filled in: errors, announced and focused
    assert page.locator("#form-errors").is_visible()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    check("about with errors")
    page.fill("#id_first_name", "Bo")
    page.fill("#id_postcode", "3511ab")
    submit(page)
    check("languages")
    page.select_option("#id_languages-0-level", label="B1 (gewone gesprekken)")
    page.select_option("#id_languages-1-language", "ar")
    page.select_option("#id_languages-1-level", label="moedertaal")
    submit(page)
    check("availability")
    # The grid's checkboxes are reached by their accessible names.
    page.get_by_label("dinsdagmiddag").check()
    page.get_by_label("zaterdagochtend").check()
    page.fill("#id_hours_per_week", "3")
    page.get_by_label("eenmalig").check()
    submit(page)
    check("activities")
    page.get_by_label("wandelen, fietsen (duofiets)").check()
    page.get_by_label("afwisseling").check()
    submit(page)
    check("background")
    submit(page)
    check("contact")
    page.get_by_label("e-mail").check()
    page.get_by_label("Ja, graag").check()
    submit(page)
    check("confirm")
    page.check("#id_privacy")
    submit(page)
    assert page.url.endswith("/mijn-koppel/")
    check("mijn koppel")
    assert "Hallo Bo" in page.content()

    volunteer = Volunteer.objects.get(user__email="browser@example.nl")
    assert volunteer.status == "intake" and volunteer.signup_step == ""

    # A coordinator of the same organisation finds Bo by language and slot.
    coordinator = UserFactory(email="co@example.nl")
    MembershipFactory(user=coordinator, organisation=org_a, role=Role.COORDINATOR)
    staff = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                             base_url=live_server.url)
    log_in(staff, "co@example.nl", totp=True)
    staff.goto(live_server.url + "/vrijwilligers/")
    with staff.expect_response(lambda r: "language=ar" in r.url):
        staff.select_option("#id_language", "ar")
    with staff.expect_response(lambda r: "slot=tue%3Aafternoon" in r.url):
        staff.select_option("#id_slot", "tue:afternoon")
    staff.wait_for_url(re.compile(r"language=ar.*slot=tue%3Aafternoon"))  # htmx kept the address
    assert staff.locator("#results tbody a", has_text="Bo").count() == 1
    with staff.expect_response(lambda r: "slot=wed%3Aevening" in r.url):
        staff.select_option("#id_slot", "wed:evening")
    staff.wait_for_selector("#results:has-text('Geen vrijwilligers gevonden')")
