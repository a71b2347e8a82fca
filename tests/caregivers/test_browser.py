"""In a real browser (Debian's chromium): a request taken by phone with the keyboard only,
and no axe-core (WCAG 2.1 AA) violations on the intake page, its errors, and the list."""

import re

import pytest
from django.urls import reverse

from core.models import Role

from ..browser_support import log_in
from ..factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(phone, live_server, org_a):
    user = UserFactory(email="telefoon@a.example")
    MembershipFactory(user=user, organisation=org_a, role=Role.COORDINATOR)
    log_in(phone, user.email, totp=True)
    return phone, live_server.url


class Keyboard:
    """Types like a person and counts every key, to keep the phone intake short."""

    def __init__(self, page):
        self.page, self.keys = page, 0

    def type(self, text):
        self.page.keyboard.type(text)
        self.keys += len(text)

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
        self.keys += times


def test_a_request_by_phone_with_the_keyboard_only(browser_page):
    page, base = browser_page
    page.goto(base + reverse("caregivers:intake"))
    keys = Keyboard(page)
    page.focus("#id_cg-name")                    # the first field after the search
    keys.type("Samira Bouzid")
    keys.press("Tab")
    keys.type("0612345678")
    page.focus("#id_cg-languages_0_language")
    keys.type("Turks")
    keys.press("Tab")
    keys.type("m")                               # level: moedertaal
    page.focus("#id_cg-consent_data")
    keys.press("Space")
    page.focus("#id_rq-activities_0")            # gezelschap
    keys.press("Space")
    page.focus("#id_rq-slots_tue_afternoon")
    keys.press("Space")
    page.focus("#id_rq-postcode")
    keys.type("3511AB")
    keys.press("Enter")                          # Enter saves, from any field
    page.wait_for_url(re.compile(r"/hulpvragen/\d+/$"))
    # What was saved, as the request page shows it (the ORM stays out of Playwright's loop).
    text = page.inner_text("main")
    assert "REQ-0001" in page.title() and "Samira Bouzid" in text
    assert "intake gedaan" in text and "gezelschap, bezoek, maatje" in text
    assert "dinsdagmiddag" in text and "3511 AB" in text and "Turks (moedertaal)" in text
    # Under two minutes of typing: well under 100 keys (a typist does ~200 a minute).
    assert keys.keys < 60, keys.keys


def run_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]]


def test_no_accessibility_violations(browser_page):
    page, base = browser_page
    page.goto(base + reverse("caregivers:intake"))
    assert run_axe(page) == []
    page.click("text=Hulpvraag opslaan")         # nothing filled in: every error shown
    page.wait_for_selector("#form-errors")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert run_axe(page) == []
    page.goto(base + reverse("caregivers:request_list"))
    assert run_axe(page) == []
