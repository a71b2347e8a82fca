"""Keyboard only: Tab, Shift+Tab, Space, Enter, arrow keys and typing; no mouse, no
programmatic focus. A volunteer signs up, a coordinator takes a request by phone, a
matchmaker proposes a volunteer, a volunteer answers a check-in through the e-mailed link.
Every control on the way must be reachable with Tab."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from ..factories import HelpRequestFactory, VolunteerFactory
from ..trust.test_permission_matrix import personas  # noqa: F401 (a fixture)
from ..trust.world import build_world
from ..volunteers.helpers import path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => { const e = document.activeElement; if (!e) return '';
  const label = [...(e.labels || [])].map(l => l.innerText).join(' ');
  return [e.closest('main') ? 'main' : 'outside', e.tagName, e.id, e.name || '',
          e.type || '', label, e.getAttribute('aria-label') || '',
          (e.tagName === 'A' || e.tagName === 'BUTTON' || e.tagName === 'SUMMARY')
            ? e.innerText : '', e.className].join('|'); }"""


class Keyboard:
    def __init__(self, page):
        self.page, self.presses = page, 0

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.presses += 1

    def type(self, text):
        self.page.keyboard.type(text)

    def focused(self) -> str:
        return self.page.evaluate(FOCUSED)

    def tab_to(self, pattern: str, *, limit=120, back=False):
        """Press Tab (or Shift+Tab) until the focused element matches `pattern` (a regular
        expression over main-or-outside|tag|id|name|type|label|aria-label|text|class)."""
        seen = []
        for _ in range(limit):
            self.press("Shift+Tab" if back else "Tab")
            now = self.focused()
            if re.search(pattern, now, re.I):
                return now
            seen.append(now)
        raise AssertionError(f"{pattern!r} not reachable with Tab; passed {seen[-15:]}")

    def choose(self, group_pattern: str, label: str, *, limit=20):
        """Radio buttons: Tab into the group, arrow keys to the option, Space."""
        self.tab_to(group_pattern)
        for _ in range(limit):
            if label.lower() in self.focused().lower().split("|")[5]:
                self.press("Space")  # a radio reached by Tab is focused, not yet chosen
                return
            self.press("ArrowDown")
        raise AssertionError(f"no option {label!r}")

    def submit_with_enter(self, pattern=r"^main\|BUTTON\|.*\|submit\|.*btn-primary"):
        self.tab_to(pattern)
        with self.page.expect_navigation():
            self.press("Enter")


def errors(page) -> list[str]:
    return page.locator(".invalid-feedback").all_inner_texts()


def logged_in_page(chromium, live_server, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                   base_url=live_server.url)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_a_volunteer_signs_up_with_the_keyboard_only(page, org_a):
    keys = Keyboard(page)
    page.goto("/vrijwilliger-worden/")
    keys.tab_to(r"^main\|A\|.*Ik meld me aan")
    with page.expect_navigation():
        keys.press("Enter")
    keys.tab_to(r"\|email\|")
    keys.type("toetsenbord@example.nl")
    keys.tab_to(r"\|password1\|")
    keys.type("een-lang-wachtwoord")
    keys.tab_to(r"\|password2\|")
    keys.type("een-lang-wachtwoord")
    with page.expect_navigation():
        keys.press("Enter")
    link = next(x for x in re.findall(r"https?://\S+", mail.outbox[-1].body) if "confirm" in x)
    page.goto(path_of(link))  # the link in the e-mail
    keys.submit_with_enter()
    assert page.url.endswith("/aanmelden/about/")

    keys.submit_with_enter()  # nothing filled in: the errors get the focus
    assert page.evaluate("document.activeElement.id") == "form-errors"
    keys.tab_to(r"\|first_name\|")
    keys.type("Bo")
    keys.tab_to(r"\|postcode\|")
    keys.type("3511AB")
    with page.expect_navigation():
        keys.press("Enter")
    assert page.url.endswith("/aanmelden/languages/")

    keys.tab_to(r"\|languages-0-level\|")
    keys.type("B1")                                   # a closed select follows typed letters
    keys.submit_with_enter()
    assert page.url.endswith("/aanmelden/availability/")

    keys.tab_to(r"dinsdagmiddag")
    keys.press("Space")
    keys.tab_to(r"\|hours_per_week\|")
    keys.type("3")
    keys.choose(r"\|commitment\|", "eenmalig")
    keys.submit_with_enter()
    assert page.url.endswith("/aanmelden/activities/"), errors(page)

    keys.tab_to(r"wandelen, fietsen")
    keys.press("Space")
    keys.tab_to(r"afwisseling")
    keys.press("Space")
    keys.submit_with_enter()
    keys.submit_with_enter()                          # background: nothing to tell
    keys.tab_to(r"\|e-mail\|")
    keys.press("Space")
    keys.choose(r"\|reminders\|", "Ja, graag")
    keys.submit_with_enter()
    keys.tab_to(r"\|privacy\|")
    keys.press("Space")
    keys.submit_with_enter()
    assert page.url.endswith("/mijn-koppel/")
    assert "Hallo Bo" in page.content()


def test_a_coordinator_takes_a_request_by_phone_with_the_keyboard_only(chromium, live_server,
                                                                      coordinator_a):
    page = logged_in_page(chromium, live_server, coordinator_a)
    keys = Keyboard(page)
    page.goto(reverse("caregivers:intake"))
    keys.tab_to(r"\|cg-name\|")
    keys.type("Samira Bouzid")
    keys.tab_to(r"\|cg-phone\|")
    keys.type("0612345678")
    keys.tab_to(r"\|cg-languages_0_language\|")
    keys.type("Turks")
    keys.press("Tab")
    keys.type("m")                                    # level: moedertaal
    keys.tab_to(r"\|cg-consent_data\|")
    keys.press("Space")
    keys.tab_to(r"\|rq-activities\|")                 # the first kind of help
    keys.press("Space")
    keys.tab_to(r"rq-slots_tue_afternoon")
    keys.press("Space")
    keys.tab_to(r"\|rq-postcode\|")
    keys.type("3511AB")
    with page.expect_navigation():
        keys.press("Enter")                           # Enter saves, from any field
    assert re.search(r"/hulpvragen/\d+/$", page.url), page.url
    text = page.inner_text("main")
    assert "Samira Bouzid" in text and "dinsdagmiddag" in text and "Turks (moedertaal)" in text
    page.context.close()


def test_a_matchmaker_proposes_with_the_keyboard_only(chromium, live_server, org_a,
                                                     matchmaker_a):
    request = HelpRequestFactory(organisation=org_a, reference="REQ-0042",
                                 status="intake_done")
    volunteer = VolunteerFactory(organisation=org_a, first_name="Karel", last_name="Appel",
                                 slots=["tue:afternoon"])
    page = logged_in_page(chromium, live_server, matchmaker_a)
    keys = Keyboard(page)
    page.goto(reverse("matchmaking:review", args=[request.pk]))
    keys.tab_to(r"^main\|BUTTON\|.*Voorstellen")
    with page.expect_navigation():
        keys.press("Enter")
    assert f"{volunteer.full_name} is voorgesteld voor REQ-0042" in page.inner_text("main")
    page.context.close()


def test_a_check_in_is_answered_with_the_keyboard_only(page, personas):  # noqa: F811
    _users, world_args = personas
    world = build_world(**world_args)
    keys = Keyboard(page)
    page.goto(reverse("checkins:answer", args=[world["checkin_token"]]))  # the e-mailed link
    keys.submit_with_enter()                        # no answer chosen: told what to do
    assert "Kies een antwoord." in page.inner_text("main")
    keys.choose(r"\|answer\|radio\|", "Kan beter")   # arrows move through the choices
    keys.tab_to(r"\|comment\|")
    keys.type("We zoeken nog een vaste dag.")
    keys.submit_with_enter()
    text = page.inner_text("main")
    assert "Dank je wel" in text and "Kan beter" in text
